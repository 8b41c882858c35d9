#!/bin/sh
# Builds the vCenter simulator used by the tests (scripts/vcsim/main.go) and prints the path of
# the binary on the last line of stdout. Idempotent: the binary is rebuilt only when main.go, the
# Go toolchain or the govmomi package changed.
#
# Needs Debian/Ubuntu packages golang-go and golang-github-vmware-govmomi-dev (govmomi's simulator
# sources); installs them with apt-get when running as root. Nothing is fetched from the Go proxy.
#
# Exit codes: 0 ready, 3 the packages are missing and cannot be installed here (not root, no
# apt-get, apt-get failed, or VSPHERE_CSI_VCSIM_NO_INSTALL=1), 1 anything else (build failure).
#
# Environment:
#   VSPHERE_CSI_VCSIM_CACHE       where to build (default: node_modules/.cache/vsphere-csi-vcsim)
#   VSPHERE_CSI_VCSIM_NO_INSTALL  set to 1 to never run apt-get
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH= cd -- "$here/../.." && pwd)
cache=${VSPHERE_CSI_VCSIM_CACHE:-"$root/node_modules/.cache/vsphere-csi-vcsim"}
gocode=/usr/share/gocode
govmomi="$gocode/src/github.com/vmware/govmomi"
packages="golang-go golang-github-vmware-govmomi-dev"

log() { echo "vcsim setup: $*" >&2; }

have_packages() {
  command -v go >/dev/null 2>&1 && [ -d "$govmomi/simulator" ] && [ -d "$govmomi/pbm/simulator" ] && [ -d "$govmomi/vapi/simulator" ]
}

mkdir -p "$cache"

# One setup at a time (test files run in parallel processes).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache/.lock"
  flock 9
fi

if ! have_packages; then
  if [ "${VSPHERE_CSI_VCSIM_NO_INSTALL:-}" = 1 ]; then
    log "packages missing ($packages) and VSPHERE_CSI_VCSIM_NO_INSTALL=1"
    exit 3
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "packages missing ($packages) and there is no apt-get on this system"
    exit 3
  fi
  if [ "$(id -u)" != 0 ]; then
    log "packages missing; run as root once: apt-get install -y $packages"
    exit 3
  fi
  log "installing $packages"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends $packages >&2; then
    if ! { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends $packages >&2; }; then
      log "apt-get could not install $packages (offline, or not Debian/Ubuntu?)"
      exit 3
    fi
  fi
  have_packages || { log "packages installed but $govmomi is incomplete"; exit 1; }
fi

govmomi_version=$(dpkg-query -W -f '${Version}' golang-github-vmware-govmomi-dev 2>/dev/null || echo unknown)
stamp=$( { cat "$here/main.go"; go version; echo "$govmomi_version"; } | sha256sum | cut -d' ' -f1)
bin="$cache/vcsim-lite"

if [ -x "$bin" ] && [ -f "$cache/stamp" ] && [ "$(cat "$cache/stamp")" = "$stamp" ]; then
  echo "$bin"
  exit 0
fi

log "building $bin"
src="$cache/gopath/src/vcsim-lite"
rm -rf "$cache/gopath"
mkdir -p "$src"
cp "$here/main.go" "$src/main.go"
(
  cd "$src"
  GO111MODULE=off GOPROXY=off GOFLAGS= GOTOOLCHAIN=local \
  GOPATH="$cache/gopath:$gocode" GOCACHE="$cache/gocache" \
    go build -ldflags='-s -w' -o "$bin.tmp" .
)
mv -f "$bin.tmp" "$bin"
echo "$stamp" >"$cache/stamp"
echo "$bin"
