#!/usr/bin/env bash
# Runs orglint over the official YAML test suite (yaml/yaml-test-suite, the
# `data` branch: one folder per case with `in.yaml`, and an `error` file when
# the input is not valid YAML). See docs/yaml-test-suite.md.
#
# usage: scripts/yaml-test-suite.sh PATH-TO-SUITE [ORGLINT-BINARY]
#
# Every case is run as `orglint check --format json CASE/in.yaml` (stdin
# closed, 10 s timeout) and classified:
#   crash                  killed by a signal, or an exit status not in 0, 1, 2
#   not-run                the binary could not be started (timeout's status
#                          125-127, e.g. "Text file busy" while it is relinked)
#   hang                   did not finish within 10 seconds
#   invalid-passed         the case has an `error` file and orglint exited 0:
#                          a silent pass of invalid YAML
#   libyaml-accepts-invalid  the case has an `error` file that libyaml 0.2.5
#                          does not reject (orglint's yaml-syntax comes from
#                          libyaml), and orglint answered with other findings
#                          and status 1 or 2: listed and counted, not a failure
#   bad-location           a `yaml-syntax` finding without line >= 1 and column >= 1
#   bad-json               standard output is not empty and not one JSON report
#   valid-rejected-as-syntax  no `error` file, but orglint reports yaml-syntax;
#                          libyaml rejects some valid YAML, so this is listed
#                          and counted but is not a failure
#   ok                     everything else
# Exit status: 0 when no case failed, 1 when one did, 2 on bad usage or when
# the binary changed during the run.
set -euo pipefail

usage() {
    echo "usage: $0 PATH-TO-SUITE [ORGLINT-BINARY]" >&2
    exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
suite=${1%/}
orglint=${2:-.build/debug/orglint}

[[ -d $suite ]] || { echo "$0: $suite: no such directory" >&2; exit 2; }
if [[ $orglint != */* ]]; then
    orglint=$(command -v "$orglint") || { echo "$0: ${2:-}: not found in PATH" >&2; exit 2; }
fi
[[ -f $orglint && -x $orglint ]] || { echo "$0: $orglint: no executable orglint binary (build it first)" >&2; exit 2; }
command -v jq >/dev/null || { echo "$0: jq is needed" >&2; exit 2; }
command -v timeout >/dev/null || { echo "$0: timeout (coreutils) is needed" >&2; exit 2; }

# An absolute path, so that the lines below name exactly what was run.
orglint=$(cd "$(dirname "$orglint")" && pwd)/$(basename "$orglint")

# Runs one case and prints exactly one line:
#   STATUS <TAB> CASE <TAB> ANSWER <TAB> DETAIL
# ANSWER summarises what orglint deliberately said: exit status, the rule ids
# of the report and, for status 2, the kind of standard-error message.
run_case() {
    local suite=$1 orglint=$2 file=$3
    local dir=${file%/in.yaml}
    local case=${dir#"$suite"/}
    local out err rc=0
    out=$(mktemp) err=$(mktemp)
    timeout 10 "$orglint" check --format json "$file" >"$out" 2>"$err" <&- || rc=$?

    local status=ok detail="" answer rules="" syntax=0 badloc=0 first="" json=1
    # One jq call: rule ids, number of yaml-syntax findings, how many of them
    # lack a line/column >= 1, and the first one as "line:column: message".
    # No field is ever empty (read would merge adjacent tabs).
    local facts
    if [[ ! -s $out ]]; then
        # No report at all; orglint does this when it has nothing to report
        # and a reason for status 2 (such as "no unit found") on stderr.
        rules="(no report)"
    elif facts=$(jq -rs 'if length == 1 then .[0] else error("not one JSON document") end
          | if type == "object" and (.diagnostics | type) == "array" then
            [.diagnostics[] | select(.rule == "yaml-syntax")] as $s
            | [ ([.diagnostics[].rule] | unique | join(",") | if . == "" then "(no findings)" else . end),
                ($s | length),
                ([$s[] | select(((.line | type) != "number") or .line < 1
                                or ((.column | type) != "number") or .column < 1)] | length),
                ($s[0] // null | if . == null then "-" else "\(.line):\(.column): \(.message)" end)
              ] | map(tostring | gsub("[\t\n]"; " ")) | join("\t")
          else error("not a report") end' "$out" 2>/dev/null); then
        IFS=$'\t' read -r rules syntax badloc first <<<"$facts" || true
    else
        json=0
        rules="(report is not JSON)"
    fi
    answer="exit $rc: $rules"
    if [[ $rc -eq 2 && -s $err ]]; then
        # The kind of reason, without the path: "no unit found; nothing was checked".
        answer+="; stderr: $(head -n 1 "$err" | sed -e 's/^.*: error: //' | cut -c 1-80)"
    fi

    if [[ $rc -eq 124 ]]; then
        status=hang detail="no answer within 10 s"
    elif [[ $rc -ge 125 && $rc -le 127 ]]; then
        status=not-run detail="timeout could not run orglint (status $rc)"
    elif [[ $rc -ne 0 && $rc -ne 1 && $rc -ne 2 ]]; then
        status=crash
        if [[ $rc -gt 128 ]]; then
            detail="killed by signal $((rc - 128)) ($(kill -l $((rc - 128)) 2>/dev/null || echo '?'))"
        else
            detail="exit status $rc"
        fi
    elif [[ $json -eq 0 ]]; then
        status=bad-json detail="standard output is not a JSON report"
    elif [[ $badloc -gt 0 ]]; then
        status=bad-location detail="$badloc yaml-syntax finding(s) without line/column >= 1: $first"
    elif [[ -e $dir/error ]]; then
        if [[ $rc -eq 0 ]]; then
            status=invalid-passed detail="invalid YAML, but $answer"
        elif [[ $syntax -eq 0 ]]; then
            status=libyaml-accepts-invalid detail="libyaml parses it; orglint: $answer"
        fi
    elif [[ $syntax -gt 0 ]]; then
        status=valid-rejected-as-syntax detail=$first
    fi
    case $status in
        crash | hang | bad-json | not-run)
            if [[ -s $err ]]; then
                detail+=" | stderr: $(head -c 200 "$err" | tr '\n\t' '  ')"
            fi ;;
    esac
    rm -f "$out" "$err"
    local name=""
    [[ -f $dir/=== ]] && name=" ($(head -n 1 "$dir/===" | tr '\t' ' '))"
    # One write per case, well below PIPE_BUF, so parallel lines never mix.
    printf '%s\t%s\t%s\t%s\n' "$status" "$case$name" "$answer" "${detail:0:400}"
}
export -f run_case

results=$(mktemp)
trap 'rm -f "$results"' EXIT

# The binary must stay the same during the run (a rebuild mixes two builds).
identity() { stat -L -c '%s %Y' "$orglint"; }
before=$(identity)

# `find` does not follow symbolic links, so the suite's `name/` and `tags/`
# folders (links to the cases) are not run twice.
find "$suite" -type f -name in.yaml -print0 | sort -z |
    xargs -0 -r -P 2 -n 1 bash -c 'run_case "$1" "$2" "$3"' _ "$suite" "$orglint" |
    sort -t $'\t' -k 2,2 >"$results"

total=$(wc -l <"$results")
if [[ $total -eq 0 ]]; then
    echo "$0: no case folder with an in.yaml below $suite" >&2
    exit 2
fi

count() { awk -F '\t' -v s="$1" '$1 == s' "$results" | wc -l; }

failed=0
for s in crash hang invalid-passed bad-location bad-json not-run; do
    awk -F '\t' -v s="$s" '$1 == s { printf "%s: %s: %s\n", s, $2, $4 }' "$results"
    failed=$((failed + $(count "$s")))
done
awk -F '\t' '$1 == "libyaml-accepts-invalid" {
    printf "libyaml-accepts-invalid: %s: %s\n", $2, $4 }' "$results"
awk -F '\t' '$1 == "valid-rejected-as-syntax" {
    printf "valid-rejected-as-syntax (libyaml): %s: %s\n", $2, $4 }' "$results"
valid_rejected=$(count valid-rejected-as-syntax)

echo "answers given:"
cut -f 3 "$results" | sort | uniq -c | sort -rn | sed -e 's/^ */  /'

if [[ $(identity) != "$before" ]]; then
    echo "$0: $orglint changed during the run; run again once the build is done" >&2
    exit 2
fi
echo "yaml-test-suite: $valid_rejected valid cases rejected as yaml-syntax and $(count libyaml-accepts-invalid) invalid ones parsed (libyaml 0.2.5's own limits; not counted as failed)"
echo "yaml-test-suite: $total cases: $((total - failed)) passed, $failed failed"
[[ $failed -eq 0 ]]
