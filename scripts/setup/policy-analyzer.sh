#!/usr/bin/env bash
# Installs the launcher the CLI runs the policy pack (policy/) through, where it finds plugins:
# $PULUMI_HOME/plugins/analyzer-policy-streamstack-node-v<version>/.
#
# Why not runtime `nodejs`: for a nodejs pack the CLI asks the nodejs language host to run it
# (RunPlugin), which the host buildable here (sdk LANGUAGE_HOST_SDK_VERSION) does not implement
# ("could not read plugin [policy]: not supported"). For a runtime without a language host the
# CLI starts `pulumi-analyzer-policy-<runtime>` in the pack's folder instead, the way Pulumi
# ran Node packs before language hosts could: this launcher runs @pulumi/pulumi's policy-pack
# runner (found from the pack's folder, i.e. the project's node_modules) on the project's Node.
# The same works with any CLI, the one pulumi/actions installs in the PR workflow included.
source "$(dirname "$0")/lib.sh"

runtime=$(sed -n 's/^runtime: *//p' "$STREAMSTACK_ROOT/policy/PulumiPolicy.yaml")
version=$(node -p 'require(process.argv[1]).version' "$STREAMSTACK_ROOT/policy/package.json")
plugin_home="${PULUMI_HOME:-$STREAMSTACK_CACHE/pulumi-home}/plugins/analyzer-policy-$runtime-v$version"
mkdir -p "$plugin_home"
cat > "$plugin_home/pulumi-analyzer-policy-$runtime.partial" <<'LAUNCHER'
#!/bin/sh
runner=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))") || exit 1
exec node "$runner" "$@"
LAUNCHER
chmod 0755 "$plugin_home/pulumi-analyzer-policy-$runtime.partial"
mv "$plugin_home/pulumi-analyzer-policy-$runtime.partial" "$plugin_home/pulumi-analyzer-policy-$runtime"
log "policy analyzer launcher for runtime $runtime installed in $plugin_home"
