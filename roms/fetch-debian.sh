#!/usr/bin/env bash
# Fetches Debian 13 (trixie) riscv64 packages into the ignored cache
# roms/cache/ and unpacks them there, without touching the host's apt state:
#
#   roms/cache/apt/               private apt tree (etc, state, cache, dpkg status)
#   roms/cache/debs/              the downloaded .deb files
#   roms/cache/debian/<pkg>/      each package unpacked with dpkg-deb -x
#   roms/cache/debian/paths.env   where the interesting files landed (sourced
#                                 by build-initramfs.sh, build-rootfs.sh, qemu-smoke.sh)
#
# The archive URI and keyring come from the host's own
# /etc/apt/sources.list.d/debian.sources (its first stanza), so no file we
# write or commit names an archive host.
#
# Usage: roms/fetch-debian.sh
# Environment:
#   MIMIC_APT_REFRESH=1      run `apt-get update` even if the private lists are fresh
#   MIMIC_APT_MAX_AGE=SECS   age after which the lists are refreshed (default 86400)
#   MIMIC_HOST_SOURCES=FILE  deb822 file to take URIs/Signed-By from
#                            (default /etc/apt/sources.list.d/debian.sources)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache="$here/cache"
apt_root="$cache/apt"
debs="$cache/debs"
unpacked="$cache/debian"
host_sources=${MIMIC_HOST_SOURCES:-/etc/apt/sources.list.d/debian.sources}
suite=trixie
arch=riscv64

die() { echo "fetch-debian.sh: $*" >&2; exit 1; }
log() { echo "fetch-debian.sh: $*" >&2; }

for tool in apt-get apt-cache dpkg-deb awk; do
    command -v "$tool" >/dev/null || die "$tool not found (this script needs a Debian host with apt and dpkg)"
done
[ -r "$host_sources" ] || die "cannot read $host_sources: need the host's deb822 Debian source to take URIs:/Signed-By: from (set MIMIC_HOST_SOURCES=FILE)"

# --- the private apt tree ----------------------------------------------------
mkdir -p "$apt_root/etc/apt.conf.d" "$apt_root/etc/preferences.d" \
         "$apt_root/etc/sources.list.d" "$apt_root/etc/trusted.gpg.d" \
         "$apt_root/state/lists/partial" "$apt_root/cache/archives/partial" \
         "$apt_root/dpkg" "$debs" "$unpacked"
: > "$apt_root/dpkg/status.tmp" && mv "$apt_root/dpkg/status.tmp" "$apt_root/dpkg/status"

# URIs: and Signed-By: of the first stanza (continuation lines, which start
# with white space, belong to the field before them, e.g. an inline key).
field() {
    awk -v want="$1" '
        /^[ \t]*#/ { next }
        /^[ \t]*$/ { if (seen) exit; next }
        { seen = 1 }
        /^[^ \t]/ { infield = (tolower($0) ~ "^" tolower(want) ":") ;
                    if (infield) { sub(/^[^:]*:[ \t]*/, ""); print; } next }
        infield { print }
    ' "$host_sources"
}
uris=$(field URIs)
signed_by=$(field Signed-By)
[ -n "$uris" ] || die "no URIs: field in the first stanza of $host_sources"
[ -n "$signed_by" ] || die "no Signed-By: field in the first stanza of $host_sources (a keyring is required; apt must verify the archive)"

sources="$apt_root/etc/sources.list.d/debian-$suite-$arch.sources"
{
    echo "Types: deb"
    echo "URIs: $uris"
    echo "Suites: $suite"
    echo "Components: main"
    echo "Architectures: $arch"
    # A multi-line Signed-By (inline key) keeps its continuation lines.
    printf 'Signed-By: %s\n' "$signed_by"
} > "$sources.tmp"
if ! cmp -s "$sources.tmp" "$sources"; then
    mv "$sources.tmp" "$sources"
    rm -f "$apt_root/state/lists/"*_Release "$apt_root/state/lists/"*_InRelease  # force an update
else
    rm -f "$sources.tmp"
fi

# The private configuration is read through APT_CONFIG *instead of* reading
# the host's /etc/apt/apt.conf.d (Dir::Etc::Parts points into our tree), so
# no host hook (e.g. a Post-Invoke that cleans /var/cache/apt) runs and the
# host's apt state is never read or written.
conf="$apt_root/apt.conf"
cat > "$conf" <<EOF
Dir "/";
Dir::Etc "$apt_root/etc/";
Dir::Etc::main "apt.conf";
Dir::Etc::parts "apt.conf.d/";
Dir::Etc::sourcelist "sources.list";
Dir::Etc::sourceparts "sources.list.d/";
Dir::Etc::preferences "preferences";
Dir::Etc::preferencesparts "preferences.d/";
Dir::Etc::trusted "trusted.gpg";
Dir::Etc::trustedparts "trusted.gpg.d/";
Dir::State "$apt_root/state/";
Dir::State::status "$apt_root/dpkg/status";
Dir::Cache "$apt_root/cache/";
Dir::Log "$apt_root/log/";
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
APT::Get::List-Cleanup "true";
APT::Install-Recommends "false";
APT::Sandbox::User "root";
Acquire::Languages "none";
// Keep the index compressed and skip the source cache: ~90 MB less.
Acquire::GzipIndexes "true";
Acquire::CompressionTypes::Order { "gz"; };
Dir::Cache::srcpkgcache "";
// The host's own apt configuration relaxes these (its archive may be a
// dated snapshot); the signatures are still checked.
Acquire::Check-Valid-Until "false";
Acquire::Check-Date "false";
EOF
: > "$apt_root/etc/apt.conf"

apt_opts=(
    -o "Dir::Etc=$apt_root/etc/"
    -o "Dir::State=$apt_root/state/"
    -o "Dir::State::status=$apt_root/dpkg/status"
    -o "Dir::Cache=$apt_root/cache/"
    -o "APT::Architecture=$arch"
    -o "APT::Architectures=$arch"
)
apt_get() { APT_CONFIG="$conf" apt-get -q "${apt_opts[@]}" "$@"; }
apt_cache() { APT_CONFIG="$conf" apt-cache "${apt_opts[@]}" "$@"; }

# --- apt-get update (cached) -------------------------------------------------
max_age=${MIMIC_APT_MAX_AGE:-86400}
lists_stamp=$(ls -t "$apt_root/state/lists/"*Release 2>/dev/null | head -n1 || true)
if [ "${MIMIC_APT_REFRESH:-0}" = 1 ] || [ -z "$lists_stamp" ] ||
   [ $(( $(date +%s) - $(stat -c %Y "$lists_stamp") )) -gt "$max_age" ]; then
    log "apt-get update ($suite/$arch, private tree $apt_root)"
    apt_get update >&2 || die "apt-get update failed (see above); the archive from $host_sources must be reachable"
    touch "$(ls -t "$apt_root/state/lists/"*Release | head -n1)"
else
    log "package lists are fresh (set MIMIC_APT_REFRESH=1 to refresh)"
fi

# --- resolve package names ---------------------------------------------------
candidate() {  # prints the candidate version of $1, or nothing
    apt_cache policy "$1" 2>/dev/null | awk '/^  Candidate:/ { if ($2 != "(none)") print $2 }'
}
meta_depends=$(apt_cache show --no-all-versions linux-image-riscv64 2>/dev/null |
               awk -F': ' '/^Depends:/ { print $2; exit }')
[ -n "$meta_depends" ] || die "linux-image-riscv64 not found in $suite/$arch (apt-get update failed?)"
kpkg=$(printf '%s\n' "$meta_depends" | tr ',|' '\n\n' | sed 's/^ *//; s/ .*//' |
       grep -E '^linux-image-[0-9].*-riscv64(-unsigned)?$' | head -n1 || true)
[ -n "$kpkg" ] || die "cannot find a linux-image-<version>-riscv64 package in linux-image-riscv64's Depends: $meta_depends"
kpkg=${kpkg%-unsigned}
if [ -n "$(candidate "$kpkg-unsigned")" ]; then
    kpkg="$kpkg-unsigned"   # prefer the unsigned image (same kernel, no signature wrapper)
fi
log "kernel package: $kpkg (from linux-image-riscv64 Depends: $meta_depends)"

required=("$kpkg" busybox-static)
optional=(opensbi u-boot-qemu)

# --- download + unpack -------------------------------------------------------
fetch() {  # $1 = package; returns 1 if not available
    local pkg=$1 ver verenc deb
    ver=$(candidate "$pkg")
    [ -n "$ver" ] || return 1
    verenc=${ver//:/%3a}
    deb=$(ls "$debs/${pkg}_${verenc}_"*.deb 2>/dev/null | head -n1 || true)
    if [ -z "$deb" ]; then
        log "downloading $pkg $ver"
        (cd "$debs" && apt_get download "$pkg=$ver" >&2) || return 1
        deb=$(ls "$debs/${pkg}_${verenc}_"*.deb 2>/dev/null | head -n1 || true)
        [ -n "$deb" ] || die "apt-get download $pkg=$ver left no ${pkg}_${verenc}_*.deb in $debs"
        # drop older versions of the same package
        find "$debs" -maxdepth 1 -name "${pkg}_*.deb" ! -path "$deb" -delete
    fi
    local dest="$unpacked/$pkg" stamp="$unpacked/$pkg/.mimic-unpacked-from"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(basename "$deb")" ]; then
        log "unpacking $(basename "$deb") -> $dest"
        rm -rf "$dest" "$dest.tmp"
        mkdir -p "$dest.tmp"
        dpkg-deb -x "$deb" "$dest.tmp" || die "dpkg-deb -x $deb failed"
        basename "$deb" > "$dest.tmp/.mimic-unpacked-from"
        mv "$dest.tmp" "$dest"
    fi
    return 0
}
for p in "${required[@]}"; do
    fetch "$p" || die "required package $p is not available from $suite/$arch"
done
for p in "${optional[@]}"; do
    fetch "$p" || log "optional package $p is not available from $suite/$arch: skipped"
done

# --- report where things landed ---------------------------------------------
kdir="$unpacked/$kpkg"
kimage=$(ls "$kdir"/boot/vmlinu[xz]-* 2>/dev/null | head -n1 || true)
[ -n "$kimage" ] || die "no /boot/vmlinux-* in $kpkg"
kver=${kimage##*/vmlinu?-}
kconfig="$kdir/boot/config-$kver"
kmods=$(ls -d "$kdir"/usr/lib/modules/"$kver" "$kdir"/lib/modules/"$kver" 2>/dev/null | head -n1 || true)
[ -n "$kmods" ] || die "no modules directory for $kver in $kpkg"
bb=$(ls "$unpacked"/busybox-static/usr/bin/busybox "$unpacked"/busybox-static/bin/busybox 2>/dev/null | head -n1 || true)
[ -n "$bb" ] || die "no busybox binary in busybox-static"
first() { for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done; echo ""; }
sbi_dir=$unpacked/opensbi/usr/lib/riscv64-linux-gnu/opensbi/generic
sbi_dyn=$(first "$sbi_dir/fw_dynamic.bin")
sbi_jump=$(first "$sbi_dir/fw_jump.bin")
host_sbi_dir=/usr/lib/riscv64-linux-gnu/opensbi/generic
host_sbi_dyn=$(first "$host_sbi_dir/fw_dynamic.bin")
host_sbi_jump=$(first "$host_sbi_dir/fw_jump.bin")
uboot_dir=$(first "$unpacked/u-boot-qemu/usr/lib/u-boot")

q() { printf '%q' "$1"; }
cat > "$unpacked/paths.env.tmp" <<EOF
# Written by roms/fetch-debian.sh; sourced by the other roms/ scripts.
MIMIC_KERNEL_PKG=$(q "$kpkg")
MIMIC_KVER=$(q "$kver")
MIMIC_KERNEL_IMAGE=$(q "$kimage")
MIMIC_KERNEL_CONFIG=$(q "$kconfig")
MIMIC_KERNEL_MODULES=$(q "$kmods")
MIMIC_BUSYBOX=$(q "$bb")
MIMIC_OPENSBI_FW_DYNAMIC=$(q "$sbi_dyn")
MIMIC_OPENSBI_FW_JUMP=$(q "$sbi_jump")
MIMIC_HOST_OPENSBI_FW_DYNAMIC=$(q "$host_sbi_dyn")
MIMIC_HOST_OPENSBI_FW_JUMP=$(q "$host_sbi_jump")
MIMIC_UBOOT_DIR=$(q "$uboot_dir")
EOF
mv "$unpacked/paths.env.tmp" "$unpacked/paths.env"

ver_of() { [ -f "$unpacked/$1/.mimic-unpacked-from" ] && cut -d_ -f2 "$unpacked/$1/.mimic-unpacked-from" | sed 's/%3a/:/' || echo "-"; }
na() { [ -n "$1" ] && echo "$1" || echo "(not available)"; }
cat <<EOF
kernel package    $kpkg $(ver_of "$kpkg")
kernel version    $kver
kernel Image      $kimage
kernel config     $kconfig
kernel modules    $kmods
busybox           $bb ($(ver_of busybox-static))
OpenSBI (trixie)  fw_dynamic.bin: $(na "$sbi_dyn")
                  fw_jump.bin:    $(na "$sbi_jump")   ($(ver_of opensbi))
OpenSBI (host)    fw_dynamic.bin: $(na "$host_sbi_dyn")
                  fw_jump.bin:    $(na "$host_sbi_jump")
U-Boot (trixie)   $(na "$uboot_dir") ($(ver_of u-boot-qemu))
paths file        $unpacked/paths.env
EOF
