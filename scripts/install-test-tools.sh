#!/usr/bin/env bash
# Installs, as root on Debian 12 (bookworm), what the test suite drives besides npm's packages, and starts
# PostgreSQL: Chromium, AWS CLI v2 (Debian's awscli), boto3 (python3-boto3, for /usr/bin/python3) and
# PostgreSQL with a database `test` that 127.0.0.1 reaches as user postgres without a password (what the
# tests use by default; COGNATE_TEST_POSTGRES_URL names another server). Idempotent: what is there is
# left alone. AWS CLI v1 is not installed: Debian has no package for it (PyPI: `pip install awscli`); the
# v1 differential tests are skipped, and named, without it. scripts/check-fresh-machine.sh runs this on a
# freshly bootstrapped Debian to check the paths that an already set-up machine never takes.
set -Eeuo pipefail
trap 'echo "install-test-tools: failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR
export DEBIAN_FRONTEND=noninteractive
# A locale the machine lacks (ssh forwards the client's LANG/LC_*) makes initdb refuse to create a
# cluster; C.UTF-8 is always there, and is what the test database is compared with elsewhere.
export LC_ALL=C.UTF-8
export PGCONNECT_TIMEOUT=5
fail() {
  echo "install-test-tools: $*" >&2
  exit 1
}

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
/usr/bin/aws --version 2>/dev/null | grep -q '^aws-cli/2\.' || need+=(awscli)
python3 -c 'import boto3' 2>/dev/null || /usr/bin/python3 -c 'import boto3' 2>/dev/null || need+=(python3-boto3)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "install-test-tools: apt-get install ${need[*]}"
  apt-get update -qq || fail "apt-get update failed (is a Debian mirror reachable?)"
  apt-get install -y -qq "${need[@]}" >/dev/null || fail "apt-get install ${need[*]} failed"
fi

# PostgreSQL: a cluster on port 5432, running, with database `test` reachable over TCP on 127.0.0.1 as
# postgres. Installing the package usually creates and starts cluster main; each step below covers a
# machine where that did not happen (no cluster, or one that is down).
if [ -n "${COGNATE_TEST_POSTGRES_URL:-}" ]; then
  echo "install-test-tools: COGNATE_TEST_POSTGRES_URL is set; leaving PostgreSQL to you"
  exit 0
fi
url=postgres://postgres@127.0.0.1:5432/test
answers() { psql "$url" -Atqc 'SELECT 1' >/dev/null 2>&1; }
if answers; then
  echo "install-test-tools: PostgreSQL answers at $url"
  exit 0
fi
as_pg() { (cd / && runuser -u postgres -- "$@"); }

read -r ver name status < <(pg_lsclusters -h | awk '$3 == 5432 { print $1, $2, $4; exit }') || true
if [ -z "${ver:-}" ]; then
  ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
  name=main
  [ -n "$ver" ] || fail "no PostgreSQL server under /usr/lib/postgresql after installing postgresql"
  [ ! -e "/etc/postgresql/$ver/$name" ] ||
    fail "cluster $ver/$name exists but not on port 5432 (see pg_lsclusters); move it or set COGNATE_TEST_POSTGRES_URL"
  echo "install-test-tools: pg_createcluster $ver $name (port 5432)"
  pg_createcluster --port 5432 "$ver" "$name" >/dev/null || fail "pg_createcluster $ver $name failed"
  status=down
fi
log=/var/log/postgresql/postgresql-$ver-$name.log
case $status in
online*) ;;
*)
  echo "install-test-tools: pg_ctlcluster $ver $name start"
  # pg_ctlcluster hands over to systemd where systemd runs, and starts the server itself elsewhere.
  pg_ctlcluster "$ver" "$name" start || fail "cluster $ver/$name did not start (log: $log)"
  ;;
esac
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p 5432 ||
  fail "cluster $ver/$name does not accept connections on 127.0.0.1:5432 after 30 s (log: $log)"

if ! as_pg psql -p 5432 -Atqc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
  echo "install-test-tools: createdb test"
  as_pg createdb -p 5432 test || fail "createdb test failed"
fi
if ! answers; then
  # Debian's default asks TCP clients for a password: trust the loopback for the test database only.
  hba=$(as_pg psql -p 5432 -Atqc 'SHOW hba_file')
  if ! grep -qx 'host test postgres 127.0.0.1/32 trust' "$hba"; then
    echo "install-test-tools: $hba: trust postgres@127.0.0.1 and ::1 for database test"
    sed -i '1i host test postgres 127.0.0.1/32 trust\nhost test postgres ::1/128 trust' "$hba"
  fi
  as_pg psql -p 5432 -Atqc 'SELECT pg_reload_conf()' >/dev/null
  for _ in $(seq 1 20); do
    answers && break
    sleep 0.5
  done
fi
answers || fail "PostgreSQL does not answer at $url: $(psql "$url" -Atqc 'SELECT 1' 2>&1 | head -1)"
echo "install-test-tools: PostgreSQL answers at $url"
