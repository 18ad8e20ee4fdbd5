package main

import (
	"context"
	"log"

	"github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/container"
	"github.com/hashicorp/terraform-plugin-sdk/v2/diag"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
)

// stackLabel marks every container, network and volume of a stack (targets/docker).
const stackLabel = "streamstack.stack"

// replaceOrphanedContainers lets an `up` converge after an interrupted one. When `pulumi up`
// is killed while Docker is creating a container, the container exists but Pulumi's state only
// holds a pending create, which the next refresh drops; the next create then fails on the
// name ("already in use"). A container of the same name that carries this stack's label is
// such an orphan: it holds no data (data lives in volumes, which are never adopted silently,
// see refuseExistingVolumes), so it is removed and created again. A container of that name
// that belongs to nothing of this stack is left alone and the create fails, naming it.
func replaceOrphanedContainers(p *schema.Provider) {
	resource := p.ResourcesMap["docker_container"]
	create := resource.CreateContext
	resource.CreateContext = func(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
		name, _ := d.Get("name").(string)
		stack := plannedLabel(d, stackLabel)
		if name == "" {
			return create(ctx, d, meta)
		}
		client, diags := dockerClient(ctx, d, meta)
		if diags != nil {
			return diags
		}
		existing, err := client.ContainerInspect(ctx, name)
		if errdefs.IsNotFound(err) {
			return create(ctx, d, meta)
		} else if err != nil {
			return diag.Errorf("inspecting Docker container %s: %s", name, err)
		}
		if stack == "" || existing.Config == nil || existing.Config.Labels[stackLabel] != stack {
			return diag.Errorf("a Docker container named %s already exists and is not part of this stack; "+
				"remove it ('docker rm -f %s') or adopt it with 'pulumi import docker:index/container:Container <resource name> %s'",
				name, name, existing.ID)
		}
		log.Printf("[WARN] removing container %s (%s), left by an interrupted update of stack %s, before creating it again", name, existing.ID, stack)
		if err := client.ContainerRemove(ctx, existing.ID, container.RemoveOptions{Force: true}); err != nil && !errdefs.IsNotFound(err) {
			return diag.Errorf("removing the orphaned container %s: %s", name, err)
		}
		return create(ctx, d, meta)
	}
}

// plannedLabel is the value of one entry of the resource's `labels` set, or "".
func plannedLabel(d *schema.ResourceData, key string) string {
	labels, ok := d.Get("labels").(*schema.Set)
	if !ok {
		return ""
	}
	return labelMap(labels)[key]
}
