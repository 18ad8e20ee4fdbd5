#!/usr/bin/env bash
# Command A: set up whatever is missing on this machine, then `pulumi up` the local stack.
# Extra arguments go to `pulumi up` (e.g. --diff). STACK=<name> picks another Docker stack.
# The local stack does not use the kubernetes plugin; `npm test` builds it.
export STREAMSTACK_SKIP_KUBERNETES_PLUGIN="${STREAMSTACK_SKIP_KUBERNETES_PLUGIN-1}"
source "$(dirname "$0")/setup.sh"
stack="${STACK:-local}"
cd "$STREAMSTACK_ROOT"
# The local stack's secrets provider is a passphrase that is empty by design (nothing
# secret lives in it); every other stack must bring its own PULUMI_CONFIG_PASSPHRASE.
if [ "$stack" = local ]; then export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"; fi
pulumi stack select "$stack" >/dev/null 2>&1 || pulumi stack init "$stack" >/dev/null
started=$SECONDS
pulumi up --yes --non-interactive --stack "$stack" "$@"
log "pulumi up of stack $stack finished in $((SECONDS - started))s"
pulumi stack output --stack "$stack"
