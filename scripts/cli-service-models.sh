#!/usr/bin/env bash
# Mayfly's own APIs from the AWS CLI, through their service models (service-models/, botocore's format): adds the
# models with `aws configure add-model` (into a throwaway HOME, so that the user's ~/.aws is not touched), then calls
# each API as README.md shows: an audit search, a revocation rule created, listed and lifted, the workloads listed.
# Usage: scripts/cli-service-models.sh   (from the project root, with ./mayfly dev running; after cli-walkthrough.sh,
# whose AssumeRole the search finds). MAYFLY_SERVICE_MODELS: where the models are (default: this checkout's).
set -euo pipefail
MODELS=${MAYFLY_SERVICE_MODELS:-$(cd "$(dirname "$0")/.." && pwd)/service-models}
MH=${MAYFLY_HOME:-.mayfly}
export AWS_SHARED_CREDENTIALS_FILE=$MH/credentials AWS_CONFIG_FILE=$MH/config AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" AWS_PROFILE=mayfly
HOME=$(mktemp -d)
export HOME
trap 'rm -rf "$HOME"' EXIT
for model in "$MODELS"/mayfly-*/*/service-2.json; do
  service=$(basename "$(dirname "$(dirname "$model")")")
  aws configure add-model --service-model "file://$model" --service-name "$service"
done
ISSUER=${MAYFLY_ENDPOINT:-http://127.0.0.1:7070}
AUDIT=${MAYFLY_AUDIT_ENDPOINT:-http://127.0.0.1:7071}
REVOCATION=${MAYFLY_REVOCATION_ENDPOINT:-http://127.0.0.1:7072}
fail() { echo "FAIL: $*"; exit 1; }

found=$(aws mayfly-audit search --endpoint-url "$AUDIT" --search-query 'eventName:AssumeRole' --max-results 1 \
  --aggregations '[{"Name":"outcomes","Terms":{"Field":"event.outcome"}}]' --query 'Total' --output text)
[ "${found:-0}" -ge 1 ] || fail "aws mayfly-audit search found no AssumeRole record"
account=$(aws --endpoint-url "$ISSUER" sts get-caller-identity --query Account --output text)
rule=$(aws mayfly-revocation create-rule --endpoint-url "$REVOCATION" --scope Role \
  --target "arn:aws:iam::$account:role/cli-service-models" --reason "service model check" --query RuleId --output text)
aws mayfly-revocation list-rules --endpoint-url "$REVOCATION" --query 'Rules[].RuleId' --output text | grep -q "$rule" \
  || fail "aws mayfly-revocation list-rules does not list $rule"
aws mayfly-revocation lift-rule --endpoint-url "$REVOCATION" --rule-id "$rule"
if aws mayfly-revocation lift-rule --endpoint-url "$REVOCATION" --rule-id "$rule" 2>/dev/null; then
  fail "a lifted rule was lifted again"
fi
workloads=$(aws mayfly-workloads list-workloads --endpoint-url "$ISSUER" --query 'length(Workloads)' --output text)
echo "ok: aws mayfly-audit search ($found AssumeRole records), mayfly-revocation create/list/lift-rule ($rule), mayfly-workloads list-workloads ($workloads)"
