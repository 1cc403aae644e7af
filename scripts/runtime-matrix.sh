#!/usr/bin/env bash
# Runs the packed kit under runtimes the repository's own machines do not have: msw 3 (which needs Node 22.12)
# and Node 22 and 24. For each combination it makes a temp project, installs the tarball and that msw with that
# Node's npm, and runs, under that Node:
#   msw    scripts/runtime-matrix/msw-check.mjs  (handlers, one-shot helpers, rules; vendor hosts intercepted)
#   cli    scripts/runtime-matrix/cli-check.mjs  (the installed bin serves one enroll on 127.0.0.1)
#   types  tsc on scripts/runtime-matrix/types-check.ts, skipLibCheck off (the kit's .d.ts against that msw)
#   bundle esbuild bundles face-enroll-mock/browser for a browser (msw/browser's exports as the kit uses them)
# Node comes from the npm registry's `node` package (npx -p node@N). One line per combination; exits 1 if any
# failed, with each failing step's log. Usage: scripts/runtime-matrix.sh [path/to/face-enroll-mock.tgz]
# (without one it packs the working tree, which builds it first). About 2 minutes on a warm npm cache, 2 cores.
# Not part of `npm test`: the repository's machines run Node 20, and this downloads two Node builds.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
checks="$root/scripts/runtime-matrix"
work="$(mktemp -d "${TMPDIR:-/tmp}/face-enroll-matrix-XXXXXX")"
failed=0
# A failed run keeps its projects and logs for a look.
trap 'if [ "$failed" = 0 ]; then rm -rf "$work"; else echo "kept $work" >&2; fi' EXIT

# node major:msw major; RUNTIME_MATRIX="24:3" runs only that one.
read -r -a combinations <<<"${RUNTIME_MATRIX:-22:3 24:2 24:3}"

if [ $# -ge 1 ]; then
  tarball="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
else
  echo "packing $root" >&2
  name="$(cd "$root" && npm pack --silent --pack-destination "$work" 2>"$work/pack.log" | tail -n 1)" || {
    cat "$work/pack.log" >&2
    exit 1
  }
  tarball="$work/$name"
fi

for combination in "${combinations[@]}"; do
  node="${combination%%:*}"
  msw="${combination##*:}"
  project="$work/node$node-msw$msw"
  mkdir -p "$project"
  printf '{ "name": "matrix", "private": true, "type": "module" }\n' >"$project/package.json"
  printf '{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "lib": ["ES2022", "DOM"], "types": [], "strict": true, "noEmit": true, "skipLibCheck": false }, "files": ["types-check.ts"] }\n' >"$project/tsconfig.json"
  cp "$checks/msw-check.mjs" "$checks/cli-check.mjs" "$checks/types-check.ts" "$project/"
  printf "export { worker } from 'face-enroll-mock/browser';\n" >"$project/browser-entry.mjs"
  started=$SECONDS
  on() { (cd "$project" && npx --yes -p "node@$node" -- "$@"); }
  result="ok"
  steps=""
  step() {
    local label="$1"
    shift
    if "$@" >"$project/$label.log" 2>&1; then steps+=" $label ok"; else
      steps+=" $label FAILED"
      result="FAILED"
      failures+="--- node $node, msw $msw: $label ($project/$label.log)"$'\n'"$(tail -n 30 "$project/$label.log")"$'\n'
    fi
  }
  failures=""
  step install on npm install --no-audit --no-fund --ignore-scripts --prefer-offline "$tarball" "msw@$msw"
  if [ "$result" = ok ]; then
    step msw on node msw-check.mjs
    step cli on node cli-check.mjs
    step types on node "$root/node_modules/typescript/bin/tsc" -p .
    step bundle "$root/node_modules/.bin/esbuild" "$project/browser-entry.mjs" --bundle --platform=browser --format=esm --log-level=error --outfile=/dev/null
  fi
  versions="$(cd "$project" && on node -e 'const v=(p)=>{try{return require(p+"/package.json").version}catch{return "?"}};console.log(`node ${process.versions.node}, msw ${v("msw")}`)' 2>/dev/null || echo "node $node, msw $msw")"
  printf '%-7s %-28s %-56s %ds\n' "$result" "$versions" "$steps" $((SECONDS - started))
  if [ "$result" != ok ]; then
    failed=1
    printf '%s' "$failures" >&2
  fi
done
exit $failed
