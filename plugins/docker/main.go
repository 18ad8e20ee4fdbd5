// pulumi-resource-docker: the Terraform docker provider (kreuzwerker) served to the Pulumi
// engine through pulumi-terraform-bridge, built from Go modules because no docker plugin
// binary can be downloaded here. See scripts/setup/build-docker-plugin.sh.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is set by the build (-X main.version=5.2.0): the engine matches it against the
// version @pulumi/docker asks for, and the bridge refuses to start without one.
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
	if askedForInfo(os.Args[1:]) {
		// --version and --get-provider-info: the bridge's own entry point answers and exits.
		tfbridge.Main("docker", version, info, readSchema())
		return
	}
	// What tfbridge.Main does to serve, with the bridge's provider behind the Diff fast path.
	ctx := context.Background()
	info.P.InitLogging(ctx)
	schema := readSchema()
	err := provider.Main("docker", func(host *provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return unchangedInputsAreNoChange{tfbridge.NewProvider(ctx, host, "docker", version, info.P, info, schema)}, nil
	})
	if err != nil {
		cmdutil.ExitError(err.Error())
	}
}

func askedForInfo(args []string) bool {
	for _, arg := range args {
		switch strings.TrimLeft(arg, "-") {
		case "version", "get-provider-info":
			return true
		}
	}
	return false
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
