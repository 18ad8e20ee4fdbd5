package main

import (
	"context"
	"fmt"

	"github.com/docker/docker/client"
	"github.com/hashicorp/terraform-plugin-sdk/v2/diag"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"

	upstream "github.com/terraform-providers/terraform-provider-docker/internal/provider"
)

// dockerClient is the Docker client the provider is configured with, for the wrappers around
// upstream's resource functions.
func dockerClient(ctx context.Context, d *schema.ResourceData, meta interface{}) (*client.Client, diag.Diagnostics) {
	docker, err := meta.(*upstream.ProviderConfig).MakeClient(ctx, d)
	if err != nil {
		return nil, diag.FromErr(fmt.Errorf("failed to create Docker client: %w", err))
	}
	return docker, nil
}

// labelSet and labelMap convert between Docker's labels and the provider's label blocks.
func labelSet(labels map[string]string) []interface{} {
	blocks := make([]interface{}, 0, len(labels))
	for label, value := range labels {
		blocks = append(blocks, map[string]interface{}{"label": label, "value": value})
	}
	return blocks
}

func labelMap(blocks *schema.Set) map[string]string {
	labels := make(map[string]string, blocks.Len())
	for _, block := range blocks.List() {
		pair := block.(map[string]interface{})
		labels[pair["label"].(string)] = pair["value"].(string)
	}
	return labels
}
