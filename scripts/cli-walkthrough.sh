#!/usr/bin/env bash
# The classic walkthrough, typed as a user would with the AWS CLI, against a running `./mayfly dev`:
# create a user and its access key, a role the user may assume, the policy that allows it,
# assume the role, and ask who we are with the temporary credentials.
# Usage: scripts/cli-walkthrough.sh   (from the project root, with ./mayfly dev running)
set -euo pipefail
EP=${MAYFLY_ENDPOINT:-http://127.0.0.1:7070}
MH=${MAYFLY_HOME:-.mayfly}
export AWS_SHARED_CREDENTIALS_FILE=$MH/credentials AWS_CONFIG_FILE=$MH/config AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws() { command aws --endpoint-url "$EP" "$@"; }
U=smoke-user-$RANDOM$RANDOM; ROLE=smoke-role-$RANDOM$RANDOM
ACCT=$(aws --profile mayfly sts get-caller-identity --query Account --output text)
aws --profile mayfly iam create-user --user-name "$U" >/dev/null
read -r AK SK < <(aws --profile mayfly iam create-access-key --user-name "$U" --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
aws --profile mayfly iam create-role --role-name "$ROLE" --assume-role-policy-document \
  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::$ACCT:root\"},\"Action\":\"sts:AssumeRole\"}]}" >/dev/null
aws --profile mayfly iam put-user-policy --user-name "$U" --policy-name AllowAssume --policy-document \
  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::$ACCT:role/$ROLE\"}]}"
read -r TAK TSK TST < <(AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK aws sts assume-role \
  --role-arn "arn:aws:iam::$ACCT:role/$ROLE" --role-session-name smoke --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
ARN=$(AWS_ACCESS_KEY_ID=$TAK AWS_SECRET_ACCESS_KEY=$TSK AWS_SESSION_TOKEN=$TST aws sts get-caller-identity --query Arn --output text)
want="arn:aws:sts::$ACCT:assumed-role/$ROLE/smoke"
[ "$ARN" = "$want" ] || { echo "FAIL: expected $want, got $ARN"; exit 1; }
AUD=${MAYFLY_AUDIT_ENDPOINT:-http://127.0.0.1:7071}
deadline=$((SECONDS + 15))
while [ $SECONDS -lt $deadline ]; do
  n=$(command aws --endpoint-url "$AUD" --profile mayfly cloudtrail lookup-events \
      --lookup-attributes AttributeKey=AccessKeyId,AttributeValue="$AK" --query 'length(Events)' --output text 2>/dev/null || echo 0)
  [ "${n:-0}" != "0" ] && [ "${n:-None}" != "None" ] && { echo "ok: $ARN, $n audit record(s) for $AK"; exit 0; }
  sleep 0.5
done
echo "FAIL: no audit record for $AK after 15 s"; exit 1
