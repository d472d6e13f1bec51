#!/usr/bin/env bash
# Builds the fuzzing seed corpus from the examples and the rules:
# organisation files for the YAML and model targets, proposals for the
# proposal target, rule files for the rule target, and each rule's
# expressions (one a file) for the expression target.
set -euo pipefail
out=${1:?usage: scripts/fuzz-corpus.sh DIR}
cd "$(dirname "$0")/.."
for target in fuzz-yaml fuzz-model fuzz-proposal fuzz-rules fuzz-expression; do
  mkdir -p "$out/$target"
done
n=0
for file in $(find examples -name '*.yaml' | sort); do
  n=$((n + 1))
  if grep -q '^proposal:' "$file"; then
    cp "$file" "$out/fuzz-proposal/seed-$n.yaml"
  else
    cp "$file" "$out/fuzz-model/seed-$n.yaml"
  fi
  cp "$file" "$out/fuzz-yaml/seed-$n.yaml"
done
for file in $(find rules -name '*.yaml' | sort); do
  n=$((n + 1))
  cp "$file" "$out/fuzz-rules/seed-$n.yaml"
  # Rules without an expression have nothing for the expression target.
  { grep -h 'expr: ' "$file" || true; } | sed -e 's/^.*expr: *"\(.*\)"$/\1/' | while IFS= read -r expression; do
    printf '%s' "$expression" > "$out/fuzz-expression/seed-$n-$RANDOM.txt"
  done
done
for expression in "self.headcount > 0" "children.all(c, c.kind == 'vo')" "size(relations['beställare']) >= 1" \
  "has(self.manager) ? self.manager.startsWith('A') : false" "sum(children.map(c, c.headcount)) <= self.headcount"; do
  n=$((n + 1))
  printf '%s' "$expression" > "$out/fuzz-expression/seed-$n.txt"
done
echo "fuzz corpus: $(find "$out" -type f | wc -l) seeds in $out"
