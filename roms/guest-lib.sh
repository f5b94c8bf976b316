# shellcheck shell=bash
# Shared helpers of roms/build-initramfs.sh and roms/build-rootfs.sh
# (sourced, not run). Needs: $here (the roms/ directory).
#
# - guest_load_paths: sources roms/cache/debian/paths.env, running
#   roms/fetch-debian.sh first if the packages were never fetched.
# - guest_module_index: a depmod index of the whole Debian module tree
#   (Debian's package ships no modules.dep: its postinst runs depmod), cached
#   in roms/cache/modindex/<kver>/.
# - guest_resolve_modules: the load order (dependencies and softdep "pre:"
#   modules first) of the modules in $MIMIC_MODULES.
# - guest_install_modules DIR: those modules, decompressed (.ko.xz -> .ko),
#   in DIR/lib/modules/<kver>/ with their own modules.dep/modules.alias
#   (depmod -b DIR), plus DIR/etc/mimic/modules.load (the insmod order).
# - guest_install_busybox DIR: DIR/bin/busybox and applet symlinks.

: "${here:?guest-lib.sh: set here= to the roms/ directory before sourcing}"
cache="$here/cache"

# Modules to load at boot; a trailing '?' marks an optional one (skipped,
# with a warning, if this kernel does not have it).
MIMIC_MODULES=${MIMIC_MODULES:-"virtio_mmio virtio_blk ext4 virtio_net? virtio_rng?"}

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
log() { echo "$(basename "$0"): $*" >&2; }
need() {  # need TOOL PACKAGE
    command -v "$1" >/dev/null || die "$1 not found (apt-get install $2)"
}

guest_load_paths() {
    if [ ! -f "$cache/debian/paths.env" ]; then
        log "no fetched packages yet: running roms/fetch-debian.sh"
        "$here/fetch-debian.sh" >&2
    fi
    # shellcheck source=/dev/null
    . "$cache/debian/paths.env"
    for f in "$MIMIC_KERNEL_IMAGE" "$MIMIC_BUSYBOX" "$MIMIC_KERNEL_MODULES/modules.order"; do
        [ -e "$f" ] || die "$f is missing: re-run roms/fetch-debian.sh"
    done
}

# The whole tree's modules.dep/modules.softdep/modules.alias. depmod -b wants
# BASE/lib/modules/<kver>/ and writes there, so BASE holds a symlink to the
# unpacked package's kernel/ directory and copies of its modules.* files.
guest_module_index() {
    need depmod kmod
    modindex="$cache/modindex/$MIMIC_KVER/lib/modules/$MIMIC_KVER"
    local stamp="$modindex/.mimic-from"
    local src
    src=$(cat "$cache/debian/$MIMIC_KERNEL_PKG/.mimic-unpacked-from")
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$src" ] && [ -f "$modindex/modules.dep" ]; then
        return
    fi
    log "indexing the modules of $MIMIC_KVER with depmod (once)"
    rm -rf "$cache/modindex/$MIMIC_KVER"
    mkdir -p "$modindex" "$cache/modindex/depmod.d"
    ln -s "$MIMIC_KERNEL_MODULES/kernel" "$modindex/kernel"
    cp "$MIMIC_KERNEL_MODULES"/modules.order "$MIMIC_KERNEL_MODULES"/modules.builtin* "$modindex/"
    # -C: an empty config dir, so the host's /etc/depmod.d does not apply.
    depmod -C "$cache/modindex/depmod.d" -b "$cache/modindex/$MIMIC_KVER" "$MIMIC_KVER" ||
        die "depmod failed on $MIMIC_KERNEL_MODULES"
    echo "$src" > "$stamp"
}

# module name -> path relative to the modules dir (e.g. kernel/fs/ext4/ext4.ko.xz).
# Accepts a module name (dashes and underscores are the same) or an alias.
_mod_path() {
    local want=${1//-/_}
    local p
    p=$(awk -v want="$want" -F: '{
            n = $1; sub(/.*\//, "", n); sub(/\.ko(\.[a-z]+)?$/, "", n); gsub(/-/, "_", n);
            if (n == want) { print $1; exit }
        }' "$modindex/modules.dep")
    if [ -z "$p" ]; then   # an alias (exact match; e.g. crypto-crc32c -> crc32c_generic)
        local target
        target=$(awk -v a="$1" '$1 == "alias" && $2 == a { print $3; exit }' "$modindex/modules.alias")
        [ -n "$target" ] && [ "$target" != "$want" ] && p=$(_mod_path "$target")
    fi
    [ -n "$p" ] && echo "$p"
    return 0
}
_mod_deps() {   # deps of a module path, in modules.dep order
    awk -v m="$1" -F': *' '$1 == m { print $2; exit }' "$modindex/modules.dep" | tr ' ' '\n' | sed '/^$/d'
}
_mod_softdeps() {   # $1 = name, $2 = pre|post
    local name
    name=$(basename "$1"); name=${name%%.ko*}; name=${name//-/_}
    awk -v n="$name" -v which="$2:" '
        $1 == "softdep" { m = $2; gsub(/-/, "_", m); if (m != n) next;
            on = 0; for (i = 3; i <= NF; i++) { if ($i ~ /:$/) { on = ($i == which); continue } if (on) print $i } }
    ' "$modindex/modules.softdep"
}
_mod_builtin() {  # is module name $1 built into the kernel?
    local want=${1//-/_}
    sed 's|.*/||; s|\.ko$||; s|-|_|g' "$modindex/modules.builtin" | grep -qx "$want"
}

declare -A _mod_seen=()
mod_order=()
_mod_visit() {   # $1 = path; appends to mod_order after its pre-deps
    local path=$1 d s i deps
    [ -n "${_mod_seen[$path]:-}" ] && return
    _mod_seen[$path]=1
    for s in $(_mod_softdeps "$path" pre); do
        d=$(_mod_path "$s")
        if [ -n "$d" ]; then _mod_visit "$d"
        elif ! _mod_builtin "$s"; then log "warning: softdep $s of $path not found"; fi
    done
    # modules.dep lists all (transitive) deps; modprobe loads them last-first.
    mapfile -t deps < <(_mod_deps "$path")
    for (( i=${#deps[@]}-1; i>=0; i-- )); do _mod_visit "${deps[$i]}"; done
    mod_order+=("$path")
    for s in $(_mod_softdeps "$path" post); do
        d=$(_mod_path "$s")
        [ -n "$d" ] && _mod_visit "$d"
    done
}
guest_resolve_modules() {
    guest_module_index
    local m name p
    mod_order=(); _mod_seen=()
    for m in $MIMIC_MODULES; do
        name=${m%\?}
        p=$(_mod_path "$name")
        if [ -z "$p" ]; then
            if _mod_builtin "$name"; then log "$name is built into $MIMIC_KVER: nothing to load"; continue; fi
            [ "$name" != "$m" ] && { log "optional module $name not in $MIMIC_KVER: skipped"; continue; }
            die "module $name not found in $MIMIC_KVER (MIMIC_MODULES=\"$MIMIC_MODULES\")"
        fi
        _mod_visit "$p"
    done
}

guest_install_modules() {   # $1 = staging root
    local root=$1 p out
    need xz xz-utils
    local dst="$root/lib/modules/$MIMIC_KVER"
    mkdir -p "$dst" "$root/etc/mimic"
    : > "$root/etc/mimic/modules.load"
    for p in "${mod_order[@]}"; do
        out="$dst/${p%.xz}"
        out=${out%.zst}; out=${out%.gz}
        mkdir -p "$(dirname "$out")"
        case "$p" in
            # busybox insmod may not read compressed modules, and decompressing
            # in the guest would cost boot time: store them plain.
            *.ko.xz)  xz -dc "$MIMIC_KERNEL_MODULES/$p" > "$out" ;;
            *.ko.zst) need zstd zstd; zstd -qdc "$MIMIC_KERNEL_MODULES/$p" > "$out" ;;
            *.ko.gz)  gzip -dc "$MIMIC_KERNEL_MODULES/$p" > "$out" ;;
            *.ko)     cp "$MIMIC_KERNEL_MODULES/$p" "$out" ;;
            *) die "unknown module file type: $p" ;;
        esac
        echo "${out#"$dst/"}" >> "$root/etc/mimic/modules.load"
    done
    cp "$MIMIC_KERNEL_MODULES"/modules.builtin "$MIMIC_KERNEL_MODULES"/modules.builtin.modinfo "$dst/"
    sed 's|\.ko\.[a-z]*$|.ko|' "$root/etc/mimic/modules.load" > "$dst/modules.order"
    # modules.dep, modules.alias, ... for busybox modprobe in the guest.
    depmod -C "$cache/modindex/depmod.d" -b "$root" "$MIMIC_KVER" || die "depmod -b $root failed"
    rm -f "$dst"/*.bin   # kmod's binary indexes: busybox reads the text files
}

# Applet symlinks. The riscv64 busybox cannot run on the host, so its own
# `busybox --list-full` is only used when a riscv64 user-mode emulator is
# installed (qemu-user / qemu-user-static). Otherwise a fixed list of the
# applets our init scripts and tests use is linked, and /init runs
# `busybox --install -s` at boot, which adds every other applet this binary
# has (it leaves existing links alone). Either way the guest ends up with
# exactly the binary's applets; the fixed list makes the image usable before
# that runs, and in a rootfs mounted read-only (where --install cannot write).
GUEST_APPLETS="bin/sh bin/ash bin/cat bin/chmod bin/cp bin/date bin/dd bin/df bin/dmesg bin/echo
bin/grep bin/hostname bin/kill bin/ln bin/ls bin/mkdir bin/mknod bin/mount bin/mv bin/ps
bin/rm bin/rmdir bin/sed bin/sleep bin/sync bin/touch bin/umount bin/uname bin/vi
sbin/halt sbin/insmod sbin/lsmod sbin/modprobe sbin/poweroff sbin/reboot sbin/rmmod
sbin/switch_root sbin/mdev sbin/ifconfig sbin/ip
usr/bin/env usr/bin/free usr/bin/head usr/bin/tail usr/bin/find usr/bin/md5sum
usr/bin/sha256sum usr/bin/seq usr/bin/setsid usr/bin/time usr/bin/wc usr/bin/test usr/bin/tr
usr/bin/xargs usr/bin/awk usr/bin/cmp usr/bin/hexdump usr/bin/uptime usr/bin/nproc
bin/cttyhack usr/bin/[ usr/bin/[["
guest_install_busybox() {   # $1 = staging root
    local root=$1 runner="" list a
    mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin"
    cp "$MIMIC_BUSYBOX" "$root/bin/busybox"
    chmod 0755 "$root/bin/busybox"
    for r in qemu-riscv64-static qemu-riscv64; do
        command -v "$r" >/dev/null && { runner=$r; break; }
    done
    if [ -n "$runner" ] && list=$("$runner" "$MIMIC_BUSYBOX" --list-full 2>/dev/null) && [ -n "$list" ]; then
        log "applet list from $runner busybox --list-full ($(echo "$list" | wc -l) applets)"
    else
        list=$GUEST_APPLETS
    fi
    for a in $list; do
        [ "$a" = bin/busybox ] && continue
        mkdir -p "$root/$(dirname "$a")"
        # relative links, so the tree works wherever it is mounted
        local up
        up=$(dirname "$a" | sed 's|[^/]*|..|g')
        ln -sfn "$up/bin/busybox" "$root/$a"
    done
}
