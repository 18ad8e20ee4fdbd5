//go:build emit_schema

package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
)

func init() {
	emitSchema = func(info tfbridge.ProviderInfo, path string) error {
		sink := diag.DefaultSink(os.Stderr, os.Stderr, diag.FormatOptions{Color: colors.Never})
		// Descriptions come from the TF schema itself; the upstream docs repository is not here.
		result, err := tfgen.GenerateSchemaWithOptions(tfgen.GenerateSchemaOptions{ProviderInfo: info, DiagnosticsSink: sink, XInMemoryDocs: true})
		if err != nil {
			return fmt.Errorf("generating the docker package schema: %w", err)
		}
		data, err := json.Marshal(result.PackageSpec)
		if err != nil {
			return err
		}
		return os.WriteFile(path, data, 0o644)
	}
}
