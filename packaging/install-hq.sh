#!/usr/bin/env bash
# Install or upgrade the FieldKit HQ sync server on a Linux server with systemd (run as root).
#
#   sudo packaging/install-hq.sh dist/fieldkit-0.1.0-py3-none-any.whl [requirements.txt]
#
# Make the wheel and the pinned requirements on a build machine with the repository:
#   uv build --wheel -o dist
#   uv export --no-default-groups --no-emit-project --no-hashes -o dist/requirements.txt
# With requirements.txt every dependency is installed at the exact version CI tested (uv.lock).
#
# What it does (each step is safe to repeat; an upgrade keeps the database and settings):
#   1. a system user "fieldkit-hq" (no login, no home)
#   2. /opt/fieldkit-hq: a virtual environment with the wheel (python3 -m venv + pip; or uv if present)
#   3. /etc/fieldkit-hq/hq.env: settings, only if it does not exist yet
#   4. /etc/systemd/system/fieldkit-hq.service, then enable and (re)start it
#   5. /usr/local/bin/fieldkit-hq: runs the admin commands as the service user on the same database
set -euo pipefail

WHEEL=${1:?usage: install-hq.sh FIELDKIT_WHEEL [REQUIREMENTS_TXT]}
REQUIREMENTS=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${FIELDKIT_HQ_PREFIX:-/opt/fieldkit-hq}
ETC=/etc/fieldkit-hq
SERVICE_USER=fieldkit-hq

[ "$(id -u)" -eq 0 ] || { echo "install-hq.sh: run as root (sudo)" >&2; exit 2; }
[ -f "$WHEEL" ] || { echo "install-hq.sh: no such wheel: $WHEEL" >&2; exit 2; }
[ -z "$REQUIREMENTS" ] || [ -f "$REQUIREMENTS" ] || { echo "install-hq.sh: no such file: $REQUIREMENTS" >&2; exit 2; }

if ! id "$SERVICE_USER" >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SERVICE_USER"
fi

constraints=()
[ -n "$REQUIREMENTS" ] && constraints=(-c "$REQUIREMENTS")
if command -v uv >/dev/null 2>&1; then
  [ -x "$PREFIX/bin/python" ] || uv venv --python ">=3.11,<3.14" "$PREFIX"
  uv pip install --python "$PREFIX/bin/python" --reinstall-package fieldkit "${constraints[@]}" "$WHEEL"
else
  [ -x "$PREFIX/bin/python" ] || python3 -m venv "$PREFIX"
  "$PREFIX/bin/python" -m pip install --quiet --upgrade pip
  "$PREFIX/bin/python" -m pip install --quiet --force-reinstall --no-deps "$WHEEL"
  "$PREFIX/bin/python" -m pip install --quiet "${constraints[@]}" "$WHEEL"
fi

install -d -m 0755 "$ETC"
[ -f "$ETC/hq.env" ] || install -m 0644 "$HERE/hq.env" "$ETC/hq.env"
install -m 0644 "$HERE/fieldkit-hq.service" /etc/systemd/system/fieldkit-hq.service

cat > /usr/local/bin/fieldkit-hq <<WRAPPER
#!/bin/sh
# FieldKit HQ administration (device add/list/revoke, stats, export, registry, conflicts), run as
# the service user against the database the service uses.
set -a; . $ETC/hq.env; set +a
exec runuser -u $SERVICE_USER -- env FIELDKIT_HQ_DB="\$FIELDKIT_HQ_DB" \\
  FIELDKIT_HQ_BLOBS="\${FIELDKIT_HQ_BLOBS:-}" \\
  FIELDKIT_HQ_DB_PASSWORD_FILE="\${FIELDKIT_HQ_DB_PASSWORD_FILE:-}" $PREFIX/bin/fieldkit-hq "\$@"
WRAPPER
chmod 0755 /usr/local/bin/fieldkit-hq

# An upgrade may bring schema steps: the service refuses to start until they are applied.
HQ_DB=$(set -a; . "$ETC/hq.env"; echo "${FIELDKIT_HQ_DB:-/var/lib/fieldkit-hq/hq.db}")
case "$HQ_DB" in
  postgres*) /usr/local/bin/fieldkit-hq migrate ;;
  *) if [ -f "$HQ_DB" ]; then
       systemctl stop fieldkit-hq.service || true
       /usr/local/bin/fieldkit-hq migrate
     fi ;;
esac

systemctl daemon-reload
systemctl enable fieldkit-hq.service >/dev/null
systemctl restart fieldkit-hq.service
echo "FieldKit HQ installed in $PREFIX; settings in $ETC/hq.env; status: systemctl status fieldkit-hq"
echo "Enrol a laptop: sudo fieldkit-hq device add --embassy KE --name \"Nairobi laptop 1\""
