// pulumi-resource-docker: the Terraform docker provider (kreuzwerker) served to the Pulumi
// engine through pulumi-terraform-bridge, built from Go modules because no docker plugin
// binary can be downloaded here. See scripts/setup/build-docker-plugin.sh.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
)

// version is set by the build (-X main.version=5.2.0+streamstack.2): a version of its own, never
// the official one, because this build is not the published plugin (see
// scripts/setup/build-docker-plugin.sh); the bridge refuses to start without one.
var version string

// schemaFile sits next to the binary: written once by `--emit-schema` at build time and read
// at start, so `pulumi import` and `pulumi package get-schema` see the package schema.
const schemaFile = "schema.json"

func main() {
	if version == "" {
		fmt.Fprintln(os.Stderr, "pulumi-resource-docker was built without -X main.version")
		os.Exit(1)
	}
	info := providerInfo(version)
	if len(os.Args) == 3 && os.Args[1] == "--emit-schema" {
		if emitSchema == nil {
			fmt.Fprintln(os.Stderr, "this build cannot write the schema: build with -tags emit_schema (scripts/setup/build-docker-plugin.sh does)")
			os.Exit(1)
		}
		if err := emitSchema(info, os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	tfbridge.Main("docker", version, info, readSchema())
}

// emitSchema writes the package schema (emit_schema.go). Only the build that set-up runs once
// for it has it: its generator (the bridge's tfgen, with Pulumi's code generators) is about 400
// of the plugin's 2,000 Go packages, whose initializers would otherwise run at every start.
var emitSchema func(info tfbridge.ProviderInfo, path string) error

func readSchema() []byte {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(exe), schemaFile))
	if err != nil {
		fmt.Fprintf(os.Stderr, "warning: %s next to the plugin is missing; GetSchema answers empty (%v)\n", schemaFile, err)
		return nil
	}
	return data
}
