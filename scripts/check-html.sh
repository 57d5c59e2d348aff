#!/bin/sh
# Check an HTML report in a real headless browser (Chromium): the page renders, its script
# runs, and nothing is fetched or blocked.
#
#   scripts/check-html.sh report.html
#   scripts/check-html.sh examples/deal.yaml --edition business   # renders one first
#
# Any argument list that is not a single .html file is passed to `dealcheck check ...
# --format html`. Needs Chromium (Debian: apt-get install chromium); set CHROMIUM to use
# another binary. Exit 0 when every check passes, 1 when one fails, 2 when it cannot run.
# The same checks run in the test suite: tests/formats/test_html_browser.py.
set -eu

browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
  done
fi
if [ -z "$browser" ]; then
  echo "check-html: no Chromium found (apt-get install chromium, or set CHROMIUM)" >&2
  exit 2
fi
if [ "$#" -eq 0 ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT INT TERM

case "$#:$1" in
  1:*.html|1:*.htm) page="$1" ;;
  *)
    page="$work/report.html"
    set +e
    dealcheck check "$@" --format html --output "$page"
    code=$?
    set -e
    if [ "$code" -ge 2 ]; then echo "check-html: dealcheck failed (exit $code)" >&2; exit 2; fi
    ;;
esac
case "$page" in /*) ;; *) page="$PWD/$page" ;; esac

# As root (containers) Chromium needs --no-sandbox; the page is our own local file.
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --disable-extensions \
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
  --dump-dom "file://$page" >"$work/dom.html" 2>"$work/browser.log" || true

status=0
if grep -q '<body[^>]*data-ready="1"' "$work/dom.html"; then
  echo "ok   the script ran (body data-ready=1)"
else
  echo "FAIL the script did not run (no data-ready on <body>)"; status=1
fi
rows=$(grep -o '<tr data-n=' "$work/dom.html" | wc -l | tr -d ' ')
if [ "$rows" -gt 0 ]; then
  echo "ok   $rows requirement rows rendered"
else
  echo "FAIL no requirement rows in the page"; status=1
fi
if grep -E ':CONSOLE|Refused to|violates the following Content Security Policy' \
    "$work/browser.log" >"$work/console.log"; then
  echo "FAIL console messages (errors, blocked loads):"; sed 's/^/     /' "$work/console.log"
  status=1
else
  echo "ok   no console errors, nothing blocked or fetched"
fi
exit "$status"
