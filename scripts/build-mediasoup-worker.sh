#!/bin/sh
# Builds mediasoup's C++ worker offline against Debian 12's own libraries, into a cache outside node_modules.
#
#   scripts/build-mediasoup-worker.sh            build unless the cached binary is there (and its libraries load)
#   scripts/build-mediasoup-worker.sh --path     print where the binary is (or will be), build nothing
#
# Why: mediasoup's own postinstall downloads a prebuilt worker from GitHub, or else Python packages and meson
# "wraps" (OpenSSL, libuv, libsrtp, ...) from the internet. Neither can be reached here, and Debian ships all
# of those libraries in the versions 3.12.16 pins. So pnpm never runs mediasoup's postinstall (it is in
# `ignoredBuiltDependencies`), and this script builds the worker from the package's sources:
#   - each meson subproject gets a stand-in meson.build that re-exports the Debian library, so
#     `--wrap-mode=nodownload` finds it and downloads nothing;
#   - Debian's meson is 1.0.1 while worker/meson.build asks for 1.1; 1.0.1 builds it fine, so the requirement
#     is lowered in the copy we build from.
# The sources are copied first: files in node_modules are hard links into pnpm's store and must not be edited.
#
# The binary lands in $SAMLING_CACHE_DIR (default ${XDG_CACHE_HOME:-~/.cache}/samling)/mediasoup-worker-<version>/
# and the server finds it there (server/src/media/worker-bin.ts computes the same path). A second run only
# checks that it is there. Root installs the Debian packages when they are missing; others are told which.
# The first build takes 6 to 10 minutes on 2 cores (measured: 9.7 min wall, 5.5 min CPU, on a busy machine).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MS_VERSION=3.12.16
CACHE_ROOT=${SAMLING_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/samling}
DEST_DIR="$CACHE_ROOT/mediasoup-worker-$MS_VERSION"
BIN="$DEST_DIR/mediasoup-worker"

if [ "${1:-}" = "--path" ]; then echo "$BIN"; exit 0; fi
say() { printf '\033[1m[mediasoup-worker]\033[0m %s\n' "$*"; }

# A cached binary counts only if the dynamic loader finds every library it links (a removed -dev package
# would take its runtime library along only if nothing else needs it, but better to know now than at start).
if [ -x "$BIN" ] && ! ldd "$BIN" 2>/dev/null | grep -q 'not found'; then
  say "cached: $BIN (delete it to rebuild)"
  exit 0
fi

# 1. The package's sources, as pnpm installed them for the server.
MS_DIR=$(cd "$ROOT/server" && node -e "process.stdout.write(require('node:path').dirname(require.resolve('mediasoup/package.json')))" 2>/dev/null) || {
  echo "mediasoup is not installed in server/: run 'corepack pnpm install' first" >&2; exit 1; }
HAVE=$(node -e "process.stdout.write(require('$MS_DIR/package.json').version)")
[ "$HAVE" = "$MS_VERSION" ] || { echo "server/ has mediasoup $HAVE, this script builds $MS_VERSION: update MS_VERSION here and in server/src/media/worker-bin.ts" >&2; exit 1; }

# 2. Debian packages: the compiler, meson + ninja, and the libraries the worker links.
PKGS="g++ pkg-config meson ninja-build libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev"
MISSING=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || MISSING="$MISSING $p"
done
if [ -n "$MISSING" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian packages:$MISSING"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends $MISSING >/dev/null 2>&1 || {
      apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $MISSING >/dev/null; }
  else
    echo "please install:$MISSING (Debian/Ubuntu: sudo apt-get install$MISSING), then run this again" >&2
    exit 1
  fi
fi

# 3. One build at a time (two setups at once wait for each other; the second then finds the binary), in a
#    private copy of the worker's sources to patch and build in.
mkdir -p "$DEST_DIR"
if command -v flock >/dev/null; then
  exec 9>"$DEST_DIR/.lock"
  flock -n 9 || { say "another build of the worker is running; waiting for it"; flock 9; }
  if [ -x "$BIN" ] && ! ldd "$BIN" 2>/dev/null | grep -q 'not found'; then say "cached: $BIN"; exit 0; fi
fi
rm -rf "$DEST_DIR"/build.*
WORK=$(mktemp -d "$DEST_DIR/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cp -R "$MS_DIR/worker" "$WORK/worker"
chmod -R u+w "$WORK/worker"
W="$WORK/worker"; S="$W/subprojects"
sed -i "s/meson_version: '>= 1.1.0'/meson_version: '>= 1.0.1'/" "$W/meson.build"
grep -q "meson_version: '>= 1.0.1'" "$W/meson.build" || { echo "worker/meson.build no longer asks for meson 1.1.0; check the patch" >&2; exit 1; }

# 4. Stand-in subprojects: a directory named as each .wrap's `directory` makes meson use it instead of
#    downloading; each re-exports the Debian library under the variable names worker/meson.build reads.
dirof() { sed -n 's/^directory *= *//p' "$S/$1.wrap"; }
stub() { d="$S/$(dirof "$1")"; mkdir -p "$d"; : > "$d/stub.c"
  { echo "project('$1-system', 'c')"; cat; } > "$d/meson.build"; : > "$d/meson_options.txt"
  for o in $2; do echo "option('$o', type: 'string', value: '')" >> "$d/meson_options.txt"; done; }
stub openssl '' <<'M'
openssl_dep = dependency('openssl')
libcrypto_lib = static_library('crypto_stub', 'stub.c')
libssl_lib = static_library('ssl_stub', 'stub.c')
M
stub nlohmann_json '' <<'M'
nlohmann_json_dep = dependency('nlohmann_json')
M
stub libuv 'build_tests build_benchmarks' <<'M'
libuv_dep = dependency('libuv')
libuv = static_library('uv_stub', 'stub.c')
M
stub libsrtp2 'crypto-library crypto-library-kdf tests' <<'M'
_srtp = dependency('libsrtp2')
libsrtp2_dep = declare_dependency(dependencies: _srtp,
  compile_args: '-I' + _srtp.get_variable(pkgconfig: 'includedir') / 'srtp2')
libsrtp2 = static_library('srtp2_stub', 'stub.c')
M
stub usrsctp 'sctp_build_programs' <<'M'
usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('usrsctp_stub', 'stub.c')
M
stub abseil-cpp '' <<'M'
absl_strings_dep = dependency('absl_strings')
absl_types_dep = declare_dependency(dependencies: [dependency('absl_optional'),
  dependency('absl_variant'), dependency('absl_span')])
absl_container_dep = declare_dependency(dependencies: [dependency('absl_flat_hash_map'),
  dependency('absl_flat_hash_set'), dependency('absl_btree'), dependency('absl_inlined_vector'),
  dependency('absl_memory'), absl_strings_dep, absl_types_dep])
absl_container_lib = static_library('absl_stub', 'stub.c')
M
stub catch2 '' <<'M'
catch2_dep = declare_dependency()
M

# 5. Configure (downloads forbidden) and build only the worker executable.
say "building mediasoup-worker $MS_VERSION with $(nproc) jobs (6 to 10 minutes on 2 cores, once)"
START=$(date +%s)
B="$W/out/Release/build"
meson setup --wrap-mode=nodownload --buildtype release -Db_ndebug=true "$B" "$W" >"$WORK/meson-setup.log" 2>&1 || {
  cat "$WORK/meson-setup.log" >&2; echo "meson setup failed (log above)" >&2; exit 1; }
meson compile -C "$B" -j "$(nproc)" mediasoup-worker >"$WORK/meson-compile.log" 2>&1 || {
  tail -50 "$WORK/meson-compile.log" >&2; echo "the worker build failed (the end of its log is above)" >&2; exit 1; }

# 6. Into place atomically; the build tree (hundreds of MB) goes on exit.
cp "$B/mediasoup-worker" "$BIN.tmp"
strip "$BIN.tmp" 2>/dev/null || true
mv "$BIN.tmp" "$BIN"
say "built in $(( $(date +%s) - START )) s: $BIN"
