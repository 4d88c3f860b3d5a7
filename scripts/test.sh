#!/usr/bin/env bash
# The one test command (the README's, and what .ci/run runs): on a fresh machine of this kind it
# does all the set-up, then runs every test.
#   1. the machine's PostgreSQL on 127.0.0.1:5432, started if it is installed and down (with none,
#      jest's global set-up starts one from the embedded PostgreSQL's npm binaries);
#   2. Debian's chromium and fonts-nanum (the dashboard and playground tests: Korean glyphs in their
#      screenshots), nginx-light and openssl (the edge test), prometheus,
#      prometheus-alertmanager and prometheus-postgres-exporter (the monitoring test), if missing;
#   3. the npm packages;
#   4. npm test.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  echo "No PostgreSQL installed here: the tests start one from the npm binaries"
elif ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "PostgreSQL is down; starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  for _ in $(seq 1 60); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p 5432
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/nanum ] || missing+=(fonts-nanum)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v openssl >/dev/null || missing+=(openssl)
[ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || missing+=(prometheus)
[ -x /usr/bin/amtool ] || missing+=(prometheus-alertmanager)
[ -x /usr/bin/prometheus-postgres-exporter ] || missing+=(prometheus-postgres-exporter)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm install --no-audit --no-fund
npm test
