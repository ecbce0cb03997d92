#!/bin/bash
# Dump the conformance cases to JSON and cross-check them with Python Mako (oracle.py).
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
cd "$here/../.."
npx tsc --outDir "$out" --module nodenext --moduleResolution nodenext --target es2022 \
  --skipLibCheck --noCheck --rootDir test/conformance test/conformance/cases/*.ts test/conformance/types.ts
echo '{"type":"module"}' > "$out/package.json"
node -e "import('$out/cases/index.js').then(m => process.stdout.write(JSON.stringify(m.areas)))" > "$out/cases.json"
/usr/bin/python3 "$here/oracle.py" "$out/cases.json" "$@"
rm -rf "$out"
