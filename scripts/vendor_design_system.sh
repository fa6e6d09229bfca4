#!/bin/sh
# Re-downloads the NL Design System CSS the dashboard uses and copies its built files, with their
# licences, into commitments/static/commitments/vendor/. Needs npm (only for this script: the
# vendored files are committed, so `make run` and `make test` still need only Python).
#
# Why these two packages (both EUPL-1.2, which allows redistribution with the licence):
# - @utrecht/component-library-css: the NL Design System community's CSS components (button,
#   form field, textbox, select, table, heading, link, page header/footer, alert, skip link);
#   its html.css styles plain elements inside class="utrecht-html", for the forms Django renders.
# - @nl-design-system-unstable/voorbeeld-design-tokens: NL Design System's own example theme,
#   which sets the components' --utrecht-*/--nl-* custom properties from its --basis-* tokens.
# The Rijkshuisstijl and Utrecht token packages were not taken: their LICENSE.md reserve all
# rights (the Rijkshuisstijl only for work done for the Rijksoverheid; Utrecht's are "proprietary
# assets to Gemeente Utrecht").
set -eu
COMPONENTS=@utrecht/component-library-css@9.0.4
TOKENS=@nl-design-system-unstable/voorbeeld-design-tokens@7.4.1
root=$(cd "$(dirname "$0")/.." && pwd)
vendor="$root/commitments/static/commitments/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "$COMPONENTS" "$TOKENS" >/dev/null
mkdir components tokens
tar xzf utrecht-component-library-css-*.tgz -C components
tar xzf nl-design-system-unstable-voorbeeld-design-tokens-*.tgz -C tokens
rm -rf "$vendor"
mkdir -p "$vendor/utrecht-component-library-css" "$vendor/voorbeeld-design-tokens"
cp components/package/dist/index.css components/package/dist/html.css components/package/LICENSE.md components/package/package.json \
  "$vendor/utrecht-component-library-css/"
cp tokens/package/dist/theme.css tokens/package/LICENSE.md tokens/package/package.json \
  "$vendor/voorbeeld-design-tokens/"
echo "Vendored $COMPONENTS and $TOKENS into $vendor"
