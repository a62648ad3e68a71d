#!/bin/sh
# Render the sample digest's HTML part in headless Chromium at phone (375 px)
# and desktop (600 px) widths, light and dark, to PNGs for a person to look at.
# Not run by CI; the PNGs are not committed.
#
#   templates/testdata/screenshot.sh [OUTDIR]   (default: a temporary folder)
#
# Needs: chromium (Debian package). The HTML comes from the golden files
# *.html.golden (go test ./templates -update rewrites them).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$(mktemp -d)}
mkdir -p "$out"
shot() { # width scheme png html
	profile=$(mktemp -d)
	chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --force-device-scale-factor=1 \
		--blink-settings=preferredColorScheme=$2 --force-dark-mode=false \
		--user-data-dir="$profile" --screenshot="$out/$3" --window-size="$1,1400" \
		"file://$4" >/dev/null 2>&1
	rm -rf "$profile"
	echo "$out/$3"
}

for golden in "$here"/*.html.golden; do
	name=$(basename "$golden" .html.golden)
	html="$out/$name.html" # Chromium renders by extension
	cp "$golden" "$html"
	for width in 375 600; do
		shot "$width" 1 "$name-light-$width.png" "$html" # preferredColorScheme: 1 = light, 0 = dark
		shot "$width" 0 "$name-dark-$width.png" "$html"
	done
done
