//! Same-base access groups: loads and stores (integer, and F/D when
//! inlined) of one block that
//! use the same base register, unchanged between them, share one TLB
//! probe (DESIGN.md §4's probe, once per group instead of once per
//! access). Stack frames (`sd s0, 8(sp)`, `ld s1, 16(sp)`, ...) and
//! structure fields are the common case: more than half of the accesses
//! of a Linux boot's translated code belong to groups of three or more.
//!
//! ```text
//! leader:  rax = base + lo ; [base + lo, base + hi] within one page?
//!          base + anchor aligned to the widest member?  ; TLB tag(s) hit?
//!          [rbx + slot] = host address of base + lo     ; else slot = 0
//! member:  rcx = [rbx + slot] ; jz probe_as_usual ; access [rcx + imm - lo]
//! ```
//!
//! Invariants:
//! - a member's address is inside the range the leader checked, and its
//!   alignment follows from the anchor's (`imm - anchor` is a multiple of
//!   its size, which divides the widest size), so a valid slot means the
//!   same TLB hit the member's own probe would have had;
//! - between a leader and its last member only `allowed` instructions run
//!   (inline integer code, loads and stores, F/D arithmetic): whatever
//!   calls out and comes back is a memory slow path, which clears the
//!   live slots before it resumes (it may have served a remote SFENCE.VMA
//!   or a write-tag shootdown), or `helper_fp` (f registers and fflags
//!   only); traps and other helpers leave the block;
//! - a slot is 0 or the host address of its group's `lo` (set by the
//!   leader, read only by members of the same execution of the block).

use cpu::{Decoded, Insn};

/// Slots in the hart (`Hart::jit_group`).
pub const SLOTS: usize = 4;
/// Groups smaller than this are not worth the leader's longer check.
const MIN_MEMBERS: usize = 3;

/// The TLB tags a group's probe must hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tags {
    Read,
    Write,
    Both,
}

/// An access's part in a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Checks the group's range and fills the slot, then accesses.
    Leader { slot: u8, lo: i32, hi: i32, anchor: i32, align: u8, tags: Tags },
    /// Accesses through the slot (host address of base + lo).
    Member { slot: u8, lo: i32 },
}

/// The groups of one block.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Role of each instruction (None: an ordinary access or not one).
    pub roles: Vec<Option<Role>>,
    /// Slots live at each instruction (bit s: slot s holds a group that a
    /// later member still reads).
    pub live: Vec<u8>,
}

/// A memory access: (base, imm, size, store). F/D loads and stores
/// count only when inlined (`fs_on`: mstatus.FS on in the block's key).
fn access(i: &Insn, fs_on: bool) -> Option<(u8, i32, u8, bool)> {
    Some(match *i {
        Insn::Flw(x) if fs_on => (x.rs1, x.imm, 4, false),
        Insn::Fld(x) if fs_on => (x.rs1, x.imm, 8, false),
        Insn::Fsw(x) if fs_on => (x.rs1, x.imm, 4, true),
        Insn::Fsd(x) if fs_on => (x.rs1, x.imm, 8, true),
        Insn::Lb(x) | Insn::Lbu(x) => (x.rs1, x.imm, 1, false),
        Insn::Lh(x) | Insn::Lhu(x) => (x.rs1, x.imm, 2, false),
        Insn::Lw(x) | Insn::Lwu(x) => (x.rs1, x.imm, 4, false),
        Insn::Ld(x) => (x.rs1, x.imm, 8, false),
        Insn::Sb(x) => (x.rs1, x.imm, 1, true),
        Insn::Sh(x) => (x.rs1, x.imm, 2, true),
        Insn::Sw(x) => (x.rs1, x.imm, 4, true),
        Insn::Sd(x) => (x.rs1, x.imm, 8, true),
        _ => return None,
    })
}

/// Instructions a group may span: lowered inline or through
/// `helper_fp` (pure F/D arithmetic, which touches nothing but f
/// registers and fflags), and calling nothing else except a memory slow
/// path or code that leaves the block (see `lower::lower`).
pub fn allowed(i: &Insn, fs_on: bool) -> bool {
    use Insn::*;
    access(i, fs_on).is_some()
        || matches!(
            i,
            FaddS(_) | FsubS(_) | FmulS(_) | FdivS(_) | FsqrtS(_) | FaddD(_) | FsubD(_) | FmulD(_) | FdivD(_) | FsqrtD(_)
                | FmaddS(_) | FmsubS(_) | FnmsubS(_) | FnmaddS(_) | FmaddD(_) | FmsubD(_) | FnmsubD(_) | FnmaddD(_)
                | FsgnjS(_) | FsgnjnS(_) | FsgnjxS(_) | FminS(_) | FmaxS(_)
                | FsgnjD(_) | FsgnjnD(_) | FsgnjxD(_) | FminD(_) | FmaxD(_) | FcvtSD(_) | FcvtDS(_)
        )
        || matches!(
            i,
            Lui(_) | Auipc(_) | Addi(_) | Slti(_) | Sltiu(_) | Xori(_) | Ori(_) | Andi(_) | Slli(_) | Srli(_) | Srai(_)
                | Add(_) | Sub(_) | Sll(_) | Slt(_) | Sltu(_) | Xor(_) | Srl(_) | Sra(_) | Or(_) | And(_)
                | Addiw(_) | Slliw(_) | Srliw(_) | Sraiw(_) | Addw(_) | Subw(_) | Sllw(_) | Srlw(_) | Sraw(_)
                | Mul(_) | Mulw(_) | Mulh(_) | Mulhu(_)
                | AddUw(_) | Sh1add(_) | Sh2add(_) | Sh3add(_) | Sh1addUw(_) | Sh2addUw(_) | Sh3addUw(_) | SlliUw(_)
                | Andn(_) | Orn(_) | Xnor(_) | Max(_) | Maxu(_) | Min(_) | Minu(_)
                | SextB(_) | SextH(_) | ZextH(_) | Rev8(_) | Rol(_) | Ror(_) | Rolw(_) | Rorw(_) | Rori(_) | Roriw(_)
                | Bset(_) | Bclr(_) | Binv(_) | Bext(_) | Bseti(_) | Bclri(_) | Binvi(_) | Bexti(_)
                | CzeroEqz(_) | CzeroNez(_)
        )
}

/// Accesses with one base, in program order: (index, imm, size, store).
type Open = Vec<(usize, i32, u8, bool)>;

/// Finds the groups of a block; `uses` are its instructions' register
/// uses (`Insn::x_regs`).
pub fn plan(insns: &[Decoded], uses: &[(u32, u32)], fs_on: bool) -> Plan {
    let n = insns.len();
    let mut p = Plan { roles: vec![None; n], live: vec![0; n] };
    // Each access gets the key (base, breakers so far, writes of its base
    // so far): accesses that can share a probe are exactly those with
    // equal keys.
    let mut keyed: Vec<((u8, u16, u16), (usize, i32, u8, bool))> = Vec::new();
    let (mut breaks, mut writes) = (0u16, [0u16; 32]);
    for (k, d) in insns.iter().enumerate() {
        if !allowed(&d.insn, fs_on) {
            breaks += 1;
            continue;
        }
        if let Some((base, imm, size, store)) = access(&d.insn, fs_on) {
            if base != 0 {
                keyed.push(((base, breaks, writes[usize::from(base)]), (k, imm, size, store)));
            }
        }
        let w = uses.get(k).map_or(0, |u| u.1);
        for r in (1..32).filter(|r| w & 1 << r != 0) {
            writes[r] += 1;
        }
    }
    if keyed.len() < MIN_MEMBERS {
        return p;
    }
    keyed.sort_by_key(|e| e.0); // stable: program order within a key
    let mut groups: Vec<Open> = keyed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|c| c.len() >= MIN_MEMBERS)
        .filter_map(|c| shape(c.iter().map(|e| e.1).collect()))
        .collect();
    groups.sort_by_key(|g| g[0].0);
    assign(&mut p, &groups, insns);
    p
}

/// The members that can share a probe (alignment relative to the anchor,
/// span within a page), if enough of them.
fn shape(g: Open) -> Option<Open> {
    if g.len() < MIN_MEMBERS {
        return None;
    }
    let widest = g.iter().map(|a| a.2).max()?;
    let anchor = g.iter().find(|a| a.2 == widest)?.1;
    let aligned = |a: &(usize, i32, u8, bool)| (i64::from(a.1) - i64::from(anchor)).rem_euclid(i64::from(a.2)) == 0;
    let g: Open = g.into_iter().filter(aligned).collect();
    // Within a page of the anchor's: the anchor stays, so `assign` finds
    // the same widest size and anchor again.
    let fits = |a: &(usize, i32, u8, bool)| (i64::from(a.1) - i64::from(anchor)).abs() + 8 <= 2048;
    let g: Open = g.into_iter().filter(fits).collect();
    (g.len() >= MIN_MEMBERS).then_some(g)
}

/// Gives each group a free slot (dropping a group when all are taken)
/// and records the roles and live slots.
fn assign(p: &mut Plan, groups: &[Open], insns: &[Decoded]) {
    let mut busy_until = [0usize; SLOTS];
    for g in groups {
        let (first, last) = (g[0].0, g[g.len() - 1].0);
        let Some(slot) = (0..SLOTS).find(|&s| busy_until[s] <= first) else { continue };
        busy_until[slot] = last + 1;
        let lo = g.iter().map(|a| a.1).min().unwrap_or(0);
        let hi = g.iter().map(|a| a.1 + i32::from(a.2) - 1).max().unwrap_or(0);
        let widest = g.iter().map(|a| a.2).max().unwrap_or(1);
        let anchor = g.iter().find(|a| a.2 == widest).map_or(lo, |a| a.1);
        let tags = match (g.iter().any(|a| !a.3), g.iter().any(|a| a.3)) {
            (true, true) => Tags::Both,
            (false, true) => Tags::Write,
            _ => Tags::Read,
        };
        let s = slot as u8;
        p.roles[first] = Some(Role::Leader { slot: s, lo, hi, anchor, align: widest, tags });
        for a in &g[1..] {
            p.roles[a.0] = Some(Role::Member { slot: s, lo });
        }
        for live in &mut p.live[first..=last.min(insns.len() - 1)] {
            *live |= 1 << slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpu::isa::decode;

    fn uses(b: &[Decoded]) -> Vec<(u32, u32)> {
        b.iter().map(|d| d.insn.x_regs()).collect()
    }

    fn block(words: &[u32]) -> Vec<Decoded> {
        words.iter().map(|&w| decode(w)).collect()
    }

    /// sd ra,24(sp); sd s0,16(sp); sd s1,8(sp); addi s0,sp,32; ld a0,0(a1);
    /// ld s1,8(sp): one group of four on sp (the addi writes s0, not sp);
    /// the a1 load stays ordinary.
    #[test]
    fn a_stack_frame_is_one_group() {
        let b = block(&[0x00113c23, 0x00813823, 0x00913423, 0x02010413, 0x0005b503, 0x00813483]);
        let p = plan(&b, &uses(&b), true);
        assert_eq!(p.roles[0], Some(Role::Leader { slot: 0, lo: 8, hi: 31, anchor: 24, align: 8, tags: Tags::Both }));
        assert_eq!(p.roles[1], Some(Role::Member { slot: 0, lo: 8 }));
        assert_eq!(p.roles[2], Some(Role::Member { slot: 0, lo: 8 }));
        assert_eq!(p.roles[3], None);
        assert_eq!(p.roles[4], None);
        assert_eq!(p.roles[5], Some(Role::Member { slot: 0, lo: 8 }));
        assert_eq!(p.live, vec![1, 1, 1, 1, 1, 1]);
    }

    /// A write to the base ends the group; so does an instruction that is
    /// not inline integer code (here a CSR read).
    #[test]
    fn writes_to_the_base_and_helpers_end_groups() {
        // ld a0,0(sp); ld a1,8(sp); addi sp,sp,16; ld a2,0(sp); ld a3,8(sp); ld a4,16(sp)
        let b = block(&[0x00013503, 0x00813583, 0x01010113, 0x00013603, 0x00813683, 0x01013703]);
        let p = plan(&b, &uses(&b), true);
        assert_eq!(p.roles[0], None, "two accesses before the write: no group");
        assert!(matches!(p.roles[3], Some(Role::Leader { lo: 0, hi: 23, .. })));
        // ld a0,0(sp); ld a1,8(sp); csrr t0,mscratch; ld a2,16(sp)
        let b = block(&[0x00013503, 0x00813583, 0x340022f3, 0x01013603]);
        assert!(plan(&b, &uses(&b), true).roles.iter().all(|r| r.is_none()));
    }

    /// Members misaligned relative to the widest access are left out.
    #[test]
    fn members_follow_the_anchor_alignment() {
        // ld a0,0(a1); lw a2,4(a1); lw a3,2(a1); ld a4,8(a1)
        let b = block(&[0x0005b503, 0x0045a603, 0x0025a683, 0x0085b703]);
        let p = plan(&b, &uses(&b), true);
        assert!(matches!(p.roles[0], Some(Role::Leader { lo: 0, hi: 15, align: 8, .. })));
        assert!(matches!(p.roles[1], Some(Role::Member { .. })));
        assert_eq!(p.roles[2], None);
        assert!(matches!(p.roles[3], Some(Role::Member { .. })));
    }
}
