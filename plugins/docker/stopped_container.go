package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-sdk/v2/diag"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
)

// keepPortsOfStoppedContainers fixes an upstream bug, open since 2019:
// hashicorp/terraform-provider-docker#211 ("Ports on stopped container force replacement"),
// still in kreuzwerker/terraform-provider-docker. Docker reports no port bindings for a stopped
// container, and upstream's read stores that empty list, so a container stopped by hand shows
// up on refresh as "ports removed" — a change that forces replacement — next to
// must_run=false, which alone would just start it again. The ports a stopped container was
// created with are still its ports: keep them, and the next `up` restarts the container in
// place instead of recreating it. This is the plugin's only change to upstream behaviour; it
// knows nothing of streamstack, and docs/upstream-proposals.md writes it up for upstream.
func keepPortsOfStoppedContainers(p *schema.Provider) {
	container := p.ResourcesMap["docker_container"]
	read := container.ReadContext
	container.ReadContext = func(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
		ports := d.Get("ports")
		diags := read(ctx, d, meta)
		if diags.HasError() || d.Id() == "" {
			return diags
		}
		if running, _ := d.Get("must_run").(bool); !running {
			if list, _ := d.Get("ports").([]interface{}); len(list) == 0 {
				if err := d.Set("ports", ports); err != nil {
					return append(diags, diag.FromErr(err)...)
				}
			}
		}
		return diags
	}
}
