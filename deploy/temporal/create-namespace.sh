#!/bin/sh
# Creates the namespace and Koordinasi's custom search attributes once the server is healthy.
# Runs in temporalio/admin-tools. Idempotent: existing ones are left alone. The worker registers
# the same attributes through the operator service at start (src/temporal/registerSearchAttributes.ts);
# the list below must match src/domain/searchAttributes.ts (tests/foundation checks it).
set -eu
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"

echo "waiting for Temporal at ${ADDRESS}"
until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do sleep 2; done

if temporal operator namespace describe -n "$NAMESPACE" --address "$ADDRESS" >/dev/null 2>&1; then
  echo "namespace $NAMESPACE exists"
else
  temporal operator namespace create -n "$NAMESPACE" --retention 30d --address "$ADDRESS"
fi

# A new namespace takes a few seconds to reach every frontend's cache.
until temporal operator search-attribute list -n "$NAMESPACE" --address "$ADDRESS" >/dev/null 2>&1; do sleep 2; done

for pair in \
  KoordinasiStatus=Keyword \
  KoordinasiRequester=Keyword \
  KoordinasiParticipants=KeywordList \
  KoordinasiPending=KeywordList \
  KoordinasiDueAt=Datetime \
  KoordinasiOverdue=Bool \
  KoordinasiCategory=Keyword \
  KoordinasiInvolved=KeywordList; do
  name="${pair%%=*}"
  type="${pair#*=}"
  if temporal operator search-attribute list -n "$NAMESPACE" --address "$ADDRESS" | grep -qw "$name"; then
    echo "search attribute $name exists"
  else
    temporal operator search-attribute create -n "$NAMESPACE" --name "$name" --type "$type" --address "$ADDRESS"
  fi
done
echo "namespace $NAMESPACE ready"
