package main

import (
	"context"

	"github.com/containerd/errdefs"
	"github.com/hashicorp/terraform-plugin-sdk/v2/diag"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
)

// refuseExistingVolumes changes one upstream behaviour on purpose. Docker's "create volume"
// returns an existing volume of the same name, so upstream's create silently adopts whatever
// data an earlier stack left there (a stale ZooKeeper or Kafka log dir breaks a new cluster in
// confusing ways). Adopting data must be a deliberate `pulumi import`; create refuses instead.
func refuseExistingVolumes(p *schema.Provider) {
	volume := p.ResourcesMap["docker_volume"]
	create := volume.CreateContext
	volume.CreateContext = func(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
		name, _ := d.Get("name").(string)
		if name != "" {
			client, diags := dockerClient(ctx, d, meta)
			if diags != nil {
				return diags
			}
			if _, err := client.VolumeInspect(ctx, name); err == nil {
				return diag.Errorf("a Docker volume named %s already exists and may hold data; adopt it with "+
					"'pulumi import docker:index/volume:Volume <resource name> %s', or remove it with "+
					"'docker volume rm %s' if its data is not needed", name, name, name)
			} else if !errdefs.IsNotFound(err) {
				return diag.Errorf("inspecting Docker volume %s: %s", name, err)
			}
		}
		return create(ctx, d, meta)
	}
}
