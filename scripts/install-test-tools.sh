#!/usr/bin/env bash
# Installs, as root on Debian 12 (bookworm), what the test suite drives besides npm's packages, and starts
# PostgreSQL: Chromium, AWS CLI v2 (Debian's awscli), boto3 (python3-boto3, for /usr/bin/python3) and
# PostgreSQL with a database `test` that 127.0.0.1 reaches as user postgres without a password (what the
# tests use by default; COGNATE_TEST_POSTGRES_URL names another server). Idempotent: what is there is
# left alone. AWS CLI v1 is not installed: Debian has no package for it (PyPI: `pip install awscli`); the
# v1 differential tests are skipped, and named, without it.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
/usr/bin/aws --version 2>/dev/null | grep -q '^aws-cli/2\.' || need+=(awscli)
python3 -c 'import boto3' 2>/dev/null || /usr/bin/python3 -c 'import boto3' 2>/dev/null || need+=(python3-boto3)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "install-test-tools: apt-get install ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL: a cluster, running, with database `test` reachable over TCP on 127.0.0.1 as postgres.
url="${COGNATE_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
if [ -n "${COGNATE_TEST_POSTGRES_URL:-}" ]; then
  echo "install-test-tools: COGNATE_TEST_POSTGRES_URL is set; leaving PostgreSQL to you"
  exit 0
fi
if psql "$url" -Atqc 'SELECT 1' >/dev/null 2>&1; then
  echo "install-test-tools: PostgreSQL answers at $url"
  exit 0
fi
ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
if [ -z "$ver" ]; then
  ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
  pg_createcluster "$ver" main
fi
pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect "$ver" main start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
as_pg() { runuser -u postgres -- "$@"; }
as_pg psql -Atqc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 || as_pg createdb test
if ! psql "$url" -Atqc 'SELECT 1' >/dev/null 2>&1; then
  # Debian's default asks TCP clients for a password: trust the loopback for the test database only.
  hba=$(as_pg psql -Atqc 'SHOW hba_file')
  sed -i '1i host test postgres 127.0.0.1/32 trust\nhost test postgres ::1/128 trust' "$hba"
  as_pg psql -Atqc 'SELECT pg_reload_conf()' >/dev/null
  sleep 1
fi
psql "$url" -Atqc 'SELECT 1' >/dev/null
echo "install-test-tools: PostgreSQL answers at $url"
