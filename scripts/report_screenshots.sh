#!/usr/bin/env bash
# The README's pictures of the 调度周报 and 月报: synthetic data in a scratch SQLite database, the reports
# downloaded as .docx and PDF, their first pages drawn to PNG (pdftoppm from poppler-utils; the .docx through
# LibreOffice, `apt-get install libreoffice-writer-nogui`, skipped when it is missing).
# Usage: scripts/report_screenshots.sh   (writes docs/screenshots/{weekly,monthly}-report-{pdf,docx}.png)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export DEBUG=1 DATABASE_URL="sqlite:///$WORK/demo.sqlite3" PYTHONPATH="$ROOT"
cd "$ROOT"
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py generate_synthetic --projects 40 --seed 3 >/dev/null
.venv/bin/python manage.py flag_lagging >/dev/null
.venv/bin/python - "$WORK" <<'PY'
import os, pathlib, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xzkf_tracker.settings")
import django
django.setup()
from django.contrib.auth.models import Group, User
from django.test import Client
user = User.objects.create_user("report-screenshots")
user.groups.add(Group.objects.get(name="领导"))
client = Client()
client.force_login(user)
for kind in ("weekly", "monthly"):
    for fmt in ("docx", "pdf"):
        response = client.get(f"/report/{kind}/{fmt}/", SERVER_NAME="localhost")
        assert response.status_code == 200, (kind, fmt, response.status_code)
        pathlib.Path(sys.argv[1], f"{kind}.{fmt}").write_bytes(response.content)
PY
for kind in weekly monthly; do
  pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$WORK/$kind.pdf" "docs/screenshots/$kind-report-pdf"
  if command -v soffice >/dev/null; then
    soffice --headless --convert-to pdf --outdir "$WORK/docx" "$WORK/$kind.docx" >/dev/null 2>&1
    pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$WORK/docx/$kind.pdf" "docs/screenshots/$kind-report-docx"
  fi
done
echo "docs/screenshots/*-report-*.png written"
