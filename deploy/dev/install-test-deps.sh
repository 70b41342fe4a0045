#!/usr/bin/env bash
# Install what `make test` needs on a Debian or Ubuntu machine: PostgreSQL, Redis, Chromium (for the
# browser tests), gettext (translations), the fonts of the PDF letters and Node with npm (axe-core and Lighthouse). Both `make test`
# and CI call this one script. Run as root or with sudo; without either it says in one line what to
# install and stops. Nothing is done when everything is there.
set -euo pipefail

missing=()
{ command -v psql >/dev/null && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; } || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v msgfmt >/dev/null || missing+=(gettext)
command -v npm >/dev/null || missing+=(nodejs npm)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
# The reference letters' PDFs: DejaVu for Latin, Cyrillic and Arabic script, Abyssinica for Ethiopic.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -e /usr/share/fonts/truetype/abyssinica/AbyssinicaSIL-Regular.ttf ] || missing+=(fonts-sil-abyssinica)
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null; then
  missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=(sudo)
else
  echo "make test needs: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run it again." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "make test needs: ${missing[*]} (no apt-get here: install them with this system's package manager)." >&2
  exit 1
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

if [[ " ${missing[*]} " == *" postgresql "* ]]; then
  # A new cluster asks for passwords over TCP; the tests connect as postgres on localhost.
  for hba in /etc/postgresql/*/main/pg_hba.conf; do
    "${SUDO[@]}" sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
  done
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  "${SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main restart || true
fi
