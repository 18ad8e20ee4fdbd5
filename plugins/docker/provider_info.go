package main

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"

	upstream "github.com/terraform-providers/terraform-provider-docker/internal/provider"
)

// Upstream's mapping (pulumi-docker's provider/resources.go for the bridged resources), checked
// against its contract, the @pulumi/docker SDK in node_modules: every token and property name
// below is the one its .js/.d.ts files use, so programs written against that SDK run on this
// plugin unchanged. TF names not listed here keep the bridge's standard mapping
// (snake_case -> camelCase, list blocks pluralized), which is what the SDK was generated with.
// What upstream's plugin has and this one lacks: the native docker.Image build resource.

func resource(name string) tokens.Type {
	return tokens.Type("docker:index/" + lowerFirst(name) + ":" + name)
}

func function(name string) tokens.ModuleMember {
	return tokens.ModuleMember("docker:index/" + name + ":" + name)
}

func lowerFirst(s string) string {
	return string(s[0]|0x20) + s[1:]
}

func providerInfo(version string) tfbridge.ProviderInfo {
	tf := upstream.New(version)()
	info := tfbridge.ProviderInfo{
		P:           shimv2.NewProvider(tf),
		Name:        "docker",
		Version:     version,
		Description: "Docker containers, networks, volumes and images (terraform-provider-docker, bridged as pulumi-docker does)",
		License:     "Apache-2.0",
		GitHubOrg:   "kreuzwerker",
		Config: map[string]*tfbridge.SchemaInfo{
			"host": {Default: &tfbridge.DefaultInfo{Value: "unix:///var/run/docker.sock", EnvVars: []string{"DOCKER_HOST"}}},
			// A list in the SDK, but named in the singular there.
			"registry_auth": {Name: "registryAuth", MaxItemsOne: tfbridge.False()},
		},
		Resources: map[string]*tfbridge.ResourceInfo{
			"docker_container": {
				Tok: resource("Container"),
				// A container's name and published ports are unique on the host, so a
				// replacement must remove the old container before it creates the new one.
				DeleteBeforeReplace: true,
				Fields: map[string]*tfbridge.SchemaInfo{
					// One command line, not several commands.
					"command": {Name: "command"},
					// Several networks, but the SDK keeps the TF name's singular form.
					"networks_advanced": {Name: "networksAdvanced"},
				},
			},
			"docker_image":          {Tok: resource("RemoteImage"), Fields: map[string]*tfbridge.SchemaInfo{"name": {Name: "name"}}},
			"docker_config":         {Tok: resource("ServiceConfig")},
			"docker_network":        {Tok: resource("Network")},
			"docker_volume":         {Tok: resource("Volume")},
			"docker_secret":         {Tok: resource("Secret")},
			"docker_service":        {Tok: resource("Service")},
			"docker_registry_image": {Tok: resource("RegistryImage")},
			"docker_plugin":         {Tok: resource("Plugin")},
			"docker_tag":            {Tok: resource("Tag")},
			"docker_buildx_builder": {Tok: resource("BuildxBuilder")},
		},
		DataSources: map[string]*tfbridge.DataSourceInfo{
			"docker_image":                    {Tok: function("getRemoteImage")},
			"docker_network":                  {Tok: function("getNetwork")},
			"docker_plugin":                   {Tok: function("getPlugin")},
			"docker_registry_image":           {Tok: function("getRegistryImage")},
			"docker_registry_image_manifests": {Tok: function("getRegistryImageManifests")},
			"docker_logs":                     {Tok: function("getLogs")},
		},
	}
	// As upstream's mapping (pulumi-docker provider/resources.go) does.
	info.SetAutonaming(255, "-")
	return info
}
