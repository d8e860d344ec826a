#!/bin/sh
# The postgres test project (test/postgres/) starts its own PostgreSQL server from Debian's binaries.
# Runs before `npm test` (the "pretest" script) and in .ci/run: a no-op when the binaries are there
# (or PG_BIN names them); on a fresh Debian machine as root it installs them; elsewhere it says what to do.
set -eu
if [ -n "${PG_BIN:-}" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL server binaries not found: installing Debian's postgresql (for the tests in test/postgres/)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Only the binaries are needed: the package's own cluster is not used (a policy-rc.d keeps it from starting).
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1; fi
  apt-get install -y -qq postgresql >/dev/null
  if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
  exit 0
fi
echo "PostgreSQL server binaries not found. The tests in test/postgres/ start a real server: install them" >&2
echo "(Debian/Ubuntu: sudo apt-get install -y postgresql; macOS: brew install postgresql) or set PG_BIN to the" >&2
echo "directory holding initdb and pg_ctl. To run only the other tests: npx vitest run --project unit" >&2
exit 1
