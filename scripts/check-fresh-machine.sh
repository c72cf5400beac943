#!/usr/bin/env bash
# Checks that the README's set-up works on a fresh Debian 12 (bookworm) machine: bootstraps one with
# debootstrap (the base system plus ca-certificates, and git to clone the repository), copies this
# machine's Node.js 20+ and npm into it, clones the repository's HEAD there, and runs
# scripts/install-test-tools.sh inside it five times:
#   1. fresh: installs Chromium, AWS CLI v2, boto3 and PostgreSQL, then PostgreSQL must answer at
#      postgres://postgres@127.0.0.1:5432/test;
#   2. again: must only say that PostgreSQL answers, leaving pg_hba.conf as it was;
#   3. with the cluster running as the package leaves it where systemd starts it (no database test,
#      Debian's pg_hba.conf): must create the database and open it to 127.0.0.1, without a restart;
#   4. with the cluster stopped: must start it;
#   5. with the cluster dropped and an invalid locale in the environment (what ssh forwards from many
#      clients): must create it, start it, create the database and open it to 127.0.0.1.
# With arguments (test files or folders), it then runs `npm ci` and `node scripts/test.mjs ARGS` inside,
# with COGNATE_TEST_REQUIRE naming every tool the script installs.
#
# Needs root, a Linux kernel with network namespaces, Node.js 20+ on this machine and HTTP access to a
# Debian mirror (COGNATE_FRESH_MIRROR, default deb.debian.org); the test run also needs the npm registry.
# Installs debootstrap and slirp4netns with apt-get when they are missing. Not part of `npm test`.
#
# The fresh machine runs in its own network namespace, so its 127.0.0.1:5432 is its own even where a
# PostgreSQL already listens here; slirp4netns gives it user-mode access to the outside (for apt and
# npm) without touching this machine's routing, and without a way back to this machine's loopback. It
# lives in COGNATE_FRESH_ROOT (default /var/tmp/cognate-fresh), which is removed at the end, with its
# mounts, processes and namespace, whatever the outcome (COGNATE_FRESH_KEEP=1 keeps the files). The
# verbose output goes to $COGNATE_FRESH_ROOT.log.
set -Eeuo pipefail

root=${COGNATE_FRESH_ROOT:-/var/tmp/cognate-fresh}
root=${root%/}
mirror=${COGNATE_FRESH_MIRROR:-http://deb.debian.org/debian}
log=$root.log
ns=cognate-fresh-$$
repo=$(cd "$(dirname "$0")/.." && pwd)
url=postgres://postgres@127.0.0.1:5432/test
step=start
slirp=
started=$SECONDS

say() { echo "check-fresh-machine: $*"; }
fail() {
  echo "check-fresh-machine: FAILED at $step: $*" >&2
  exit 1
}
trap 'echo "check-fresh-machine: FAILED at $step (exit $?, line $LINENO: $BASH_COMMAND); details in $log" >&2' ERR

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot, mounts, a network namespace)"
case $root in /var/tmp/?* | /tmp/?* | /srv/?* | /mnt/?*) ;; *) fail "COGNATE_FRESH_ROOT must be a folder under /var/tmp, /tmp, /srv or /mnt (it is removed at the end)" ;; esac
case $root/ in "$repo"/*) fail "COGNATE_FRESH_ROOT must be outside the repository" ;; esac
node_bin=$(readlink -f "$(command -v node)") || fail "node is not on PATH"
[ "$("$node_bin" -p 'process.versions.node.split(".")[0] >= 20')" = true ] || fail "node on PATH is older than 20"
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")") || fail "npm is not on PATH"
[ -f "$npm_dir/package.json" ] || fail "cannot find npm's folder (looked at $npm_dir)"

mounted_under_root() { awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts; }
in_root_pids() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && echo "${p#/proc/}"
  done
  return 0
}
cleanup() {
  local rc=$? pids m
  trap - ERR
  set +e
  if [ -x "$root/usr/bin/pg_lsclusters" ] && ip netns list | grep -qw "$ns"; then
    ip netns exec "$ns" chroot "$root" sh -c \
      'pg_lsclusters -h 2>/dev/null | while read -r v c _; do pg_ctlcluster "$v" "$c" stop; done' >>"$log" 2>&1
  fi
  pids=$(in_root_pids)
  if [ -n "$pids" ]; then
    kill $pids 2>/dev/null
    sleep 2
    pids=$(in_root_pids)
    [ -z "$pids" ] || kill -9 $pids 2>/dev/null
  fi
  [ -z "$slirp" ] || kill "$slirp" 2>/dev/null
  ip netns del "$ns" 2>/dev/null
  for m in dev/shm dev/pts dev sys proc; do
    mountpoint -q "$root/$m" && umount "$root/$m"
  done
  m=$(mounted_under_root)
  if [ -n "$m" ]; then
    echo "check-fresh-machine: still mounted, so $root is left in place: $m" >&2
  elif [ "${COGNATE_FRESH_KEEP:-}" = 1 ]; then
    say "kept $root"
  else
    rm -rf --one-file-system "$root"
  fi
  exit "$rc"
}

# A run interrupted before its clean-up can leave the folder behind; never delete through a mount.
if [ -e "$root" ]; then
  [ -z "$(mounted_under_root)" ] || fail "$root has mounts under it (a run still going?): $(mounted_under_root | tr '\n' ' ')"
  rm -rf --one-file-system "$root"
fi
: >"$log"
trap cleanup EXIT
trap 'exit 130' INT TERM

step="installing debootstrap and slirp4netns"
tools=()
command -v debootstrap >/dev/null 2>&1 || tools+=(debootstrap)
command -v slirp4netns >/dev/null 2>&1 || tools+=(slirp4netns)
command -v ip >/dev/null 2>&1 || tools+=(iproute2)
if [ ${#tools[@]} -gt 0 ]; then
  say "apt-get install ${tools[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${tools[@]}"; } >>"$log" 2>&1 ||
    fail "apt-get install ${tools[*]} (see $log)"
fi

step=debootstrap
t=$SECONDS
say "debootstrap bookworm into $root from $mirror"
nice debootstrap --include=ca-certificates,git bookworm "$root" "$mirror" >>"$log" 2>&1 ||
  fail "debootstrap failed (see $log)"
say "  base system in $((SECONDS - t)) s"

step="network namespace"
ip netns add "$ns"
ip -n "$ns" link set lo up
slirp4netns --configure --mtu=65520 --disable-host-loopback --netns-type=path "/run/netns/$ns" tap0 >>"$log" 2>&1 &
slirp=$!
for _ in $(seq 1 50); do
  ip -n "$ns" -4 addr show tap0 2>/dev/null | grep -q inet && break
  sleep 0.1
done
ip -n "$ns" -4 addr show tap0 2>/dev/null | grep -q inet || fail "slirp4netns did not configure tap0 (see $log)"
echo 'nameserver 10.0.2.3' >"$root/etc/resolv.conf" # slirp4netns's DNS forwarder

step=mounts
mount -t proc proc "$root/proc"
mount --bind /sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm" # PostgreSQL's shared memory, its own

step="copying Node.js and npm"
install -m 755 "$node_bin" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
headers=$(dirname "$(dirname "$node_bin")")/include/node # for node-gyp where no prebuilt addon can be fetched
[ ! -d "$headers" ] || { mkdir -p "$root/usr/local/include" && cp -a "$headers" "$root/usr/local/include/node"; }

step="cloning the repository"
head=$(git -C "$repo" rev-parse --short HEAD)
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] ||
  say "note: $repo has uncommitted changes; the check uses commit $head"
git -C "$repo" bundle create -q "$root/root/cognate.bundle" HEAD 2>>"$log"

# Runs a command in the fresh machine, as root with a login-like environment.
inside() {
  ip netns exec "$ns" chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
inside sh -c 'git -c advice.detachedHead=false clone -q /root/cognate.bundle /root/cognate' >>"$log" 2>&1 ||
  fail "git clone inside (see $log)"
say "node $(inside node --version), npm $(inside npm --version), cognate at $head"

# Runs install-test-tools.sh inside with extra environment; its output is shown indented, and kept.
install_tools() {
  local out
  out=$(inside "$@" bash -c 'cd /root/cognate && bash scripts/install-test-tools.sh' 2>&1) || {
    printf '%s\n' "$out" | sed 's/^/    /' >&2
    fail "scripts/install-test-tools.sh exited non-zero"
  }
  printf '%s\n' "$out" >>"$log"
  printf '%s\n' "$out" | sed 's/^/    /'
}
probe() {
  local db
  db=$(inside psql "$url" -Atc 'SELECT current_database()' 2>&1) || fail "PostgreSQL does not answer at $url: $db"
  [ "$db" = test ] || fail "connected to database '$db', expected test"
}

step="first run (fresh machine)"
say "$step"
t=$SECONDS
install_tools
probe
say "  PostgreSQL answers at $url after $((SECONDS - t)) s"
inside /usr/bin/chromium --version >/dev/null 2>&1 || fail "/usr/bin/chromium --version fails"
inside /usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2\.' || fail "/usr/bin/aws is not AWS CLI v2"
inside /usr/bin/python3 -c 'import boto3' || fail "/usr/bin/python3 cannot import boto3"
say "  $(inside /usr/bin/chromium --version 2>/dev/null); $(inside /usr/bin/aws --version | cut -d' ' -f1);" \
  "boto3 $(inside /usr/bin/python3 -c 'import boto3; print(boto3.__version__)');" \
  "$(inside psql "$url" -Atc 'SHOW server_version')"

step="second run (idempotent)"
say "$step"
hba=$(inside psql "$url" -Atc 'SHOW hba_file')
before=$(cksum <"$root$hba")
t=$SECONDS
out=$(install_tools)
printf '%s\n' "$out"
[ "$out" = "    install-test-tools: PostgreSQL answers at $url" ] || fail "expected only 'PostgreSQL answers'"
[ "$(cksum <"$root$hba")" = "$before" ] || fail "$hba changed"
probe
say "  nothing to do, in $((SECONDS - t)) s"

step="third run (cluster running, no database test, Debian's pg_hba.conf)"
say "$step"
inside sh -c "cd / && runuser -u postgres -- dropdb test && sed -i '/^host test postgres /d' $hba &&
  runuser -u postgres -- psql -Atqc 'SELECT pg_reload_conf()'" >>"$log" 2>&1
! inside psql "$url" -Atqc 'SELECT 1' >/dev/null 2>&1 || fail "database test still answers after dropdb"
since=$(inside sh -c "cd / && runuser -u postgres -- psql -Atqc 'SELECT pg_postmaster_start_time()'")
install_tools
probe
[ "$(inside psql "$url" -Atc 'SELECT pg_postmaster_start_time()')" = "$since" ] || fail "the running cluster was restarted"

step="fourth run (cluster stopped)"
say "$step"
inside sh -c 'pg_lsclusters -h | while read -r v c _; do pg_ctlcluster "$v" "$c" stop; done' >>"$log" 2>&1
! inside pg_isready -q -h 127.0.0.1 -p 5432 || fail "PostgreSQL still up after pg_ctlcluster stop"
install_tools
probe

step="fifth run (cluster dropped, invalid locale)"
say "$step"
inside sh -c 'pg_lsclusters -h | while read -r v c _; do pg_dropcluster --stop "$v" "$c"; done' >>"$log" 2>&1
[ -z "$(inside pg_lsclusters -h)" ] || fail "a cluster is left after pg_dropcluster"
install_tools LANG=en_US.UTF-8 LC_CTYPE=UTF-8
probe

if [ $# -gt 0 ]; then
  step="npm ci"
  # Trust the CA certificates added to this machine (a TLS-inspecting proxy's, say) as this machine does;
  # npm trusts the system's store through NODE_EXTRA_CA_CERTS.
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    inside update-ca-certificates >>"$log" 2>&1
  fi
  # better-sqlite3 falls back to compiling when its prebuilt addon cannot be downloaded.
  say "apt-get install python3 make g++ (to compile native addons where no prebuilt one can be fetched)"
  inside sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 make g++' >>"$log" 2>&1 ||
    fail "apt-get install python3 make g++ (see $log)"
  t=$SECONDS
  inside npm_config_nodedir=/usr/local NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt sh -c 'cd /root/cognate && nice npm ci --no-audit --no-fund' >>"$log" 2>&1 ||
    fail "npm ci failed (see $log)"
  say "  npm ci in $((SECONDS - t)) s"
  step="node scripts/test.mjs $*"
  say "$step"
  t=$SECONDS
  if ! inside COGNATE_TEST_REQUIRE=chromium,aws-v2,boto3,postgres \
    sh -c 'cd /root/cognate && nice node scripts/test.mjs "$@"' sh "$@" >>"$log" 2>&1; then
    tail -n 30 "$log" | sed 's/^/    /' >&2
    fail "tests failed (see $log)"
  fi
  { grep -E '^# (tests|pass|fail|skipped) ' "$log" || true; } | tail -n 4 | paste -sd' ' | sed 's/^/    /'
  say "  tests in $((SECONDS - t)) s"
fi

step=done
say "OK in $((SECONDS - started)) s: scripts/install-test-tools.sh sets up a fresh Debian 12 and stays idempotent"
