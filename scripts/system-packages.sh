#!/usr/bin/env bash
# The system packages the tests need, from Debian's archive: the PostgreSQL server (the
# store's and the web app's tests start a throwaway cluster) and Chromium with its driver
# (browser tests and screenshots). Installs only what is missing; needs root and apt-get.
# Without them the tests that need them are skipped with a reason, never faked.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system packages missing (${missing[*]}): install them with your package manager;" \
       "the tests that need them will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installed system packages: ${missing[*]}"
