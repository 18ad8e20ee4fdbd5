package main

import (
	"context"
	"fmt"

	"github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/network"
	"github.com/hashicorp/terraform-plugin-sdk/v2/diag"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
)

// readNetworksAtOnce takes a fixed wait out of every network create and refresh. Upstream
// reads a network back through a StateChangeConf with a 2 s Delay — written for overlay
// networks, whose options appear late — so each create and each refresh of any network
// sleeps 2 s first. On a cold `up` that sits on the critical path (every container waits for
// the network). A local network is complete the moment Docker answers: read it with one
// inspect (a swarm network whose options are not exposed yet keeps upstream's wait). Create
// sends the same request as upstream's and then reads the network that way.
func readNetworksAtOnce(p *schema.Provider) {
	resource := p.ResourcesMap["docker_network"]
	read := resource.ReadContext
	ipamConfigHash := schema.HashResource(resource.Schema["ipam_config"].Elem.(*schema.Resource))

	readOnce := func(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
		client, diags := dockerClient(ctx, d, meta)
		if diags != nil {
			return diags
		}
		found, err := client.NetworkInspect(ctx, d.Id(), network.InspectOptions{})
		if errdefs.IsNotFound(err) {
			d.SetId("")
			return nil
		}
		if err != nil || (found.Scope != "local" && len(found.Options) == 0) {
			// Not answered, or a swarm network whose options may not be exposed yet.
			return read(ctx, d, meta)
		}
		fields := map[string]interface{}{
			"name":         found.Name,
			"labels":       labelSet(found.Labels),
			"driver":       found.Driver,
			"internal":     found.Internal,
			"attachable":   found.Attachable,
			"ingress":      found.Ingress,
			"ipv6":         found.EnableIPv6,
			"ipam_driver":  found.IPAM.Driver,
			"ipam_options": found.IPAM.Options,
			"scope":        found.Scope,
			"options":      found.Options,
			"ipam_config":  schema.NewSet(ipamConfigHash, ipamConfigs(found.IPAM.Config)),
		}
		for key, value := range fields {
			if err := d.Set(key, value); err != nil {
				return diag.FromErr(fmt.Errorf("network %s: setting %s: %w", found.Name, key, err))
			}
		}
		return nil
	}

	resource.ReadContext = readOnce
	resource.CreateContext = func(ctx context.Context, d *schema.ResourceData, meta interface{}) diag.Diagnostics {
		client, diags := dockerClient(ctx, d, meta)
		if diags != nil {
			return diags
		}
		// The same request upstream's create sends.
		options := network.CreateOptions{
			Driver:     d.Get("driver").(string),
			Labels:     labelMap(d.Get("labels").(*schema.Set)),
			Options:    stringMap(d.Get("options").(map[string]interface{})),
			Internal:   d.Get("internal").(bool),
			Attachable: d.Get("attachable").(bool),
			Ingress:    d.Get("ingress").(bool),
		}
		if ipv6, set := d.GetOk("ipv6"); set {
			enabled := ipv6.(bool)
			options.EnableIPv6 = &enabled
		}
		ipam := &network.IPAM{}
		ipamSet := false
		if driver, set := d.GetOk("ipam_driver"); set {
			ipam.Driver, ipamSet = driver.(string), true
		}
		if configs, set := d.GetOk("ipam_config"); set {
			ipam.Config, ipamSet = ipamConfigsOf(configs.(*schema.Set)), true
		}
		if values, set := d.GetOk("ipam_options"); set {
			ipam.Options, ipamSet = stringMap(values.(map[string]interface{})), true
		}
		if ipamSet {
			options.IPAM = ipam
		}
		created, err := client.NetworkCreate(ctx, d.Get("name").(string), options)
		if err != nil {
			return diag.Errorf("Unable to create network: %s", err)
		}
		d.SetId(created.ID)
		return readOnce(ctx, d, meta)
	}
}

// ipamConfigsOf is upstream's reading of the ipam_config blocks.
func ipamConfigsOf(blocks *schema.Set) []network.IPAMConfig {
	configs := make([]network.IPAMConfig, 0, blocks.Len())
	for _, raw := range blocks.List() {
		block := raw.(map[string]interface{})
		config := network.IPAMConfig{Subnet: block["subnet"].(string), IPRange: block["ip_range"].(string), Gateway: block["gateway"].(string)}
		aux := block["aux_address"].(map[string]interface{})
		config.AuxAddress = make(map[string]string, len(aux))
		for key, value := range aux {
			config.AuxAddress[key] = value.(string)
		}
		configs = append(configs, config)
	}
	return configs
}

func stringMap(values map[string]interface{}) map[string]string {
	out := make(map[string]string, len(values))
	for key, value := range values {
		out[key] = value.(string)
	}
	return out
}

// ipamConfigs is upstream's flattening of a network's IPAM configuration.
func ipamConfigs(in []network.IPAMConfig) []interface{} {
	out := make([]interface{}, len(in))
	for i, config := range in {
		block := map[string]interface{}{}
		if config.Subnet != "" {
			block["subnet"] = config.Subnet
		}
		if config.IPRange != "" {
			block["ip_range"] = config.IPRange
		}
		if config.Gateway != "" {
			block["gateway"] = config.Gateway
		}
		if len(config.AuxAddress) > 0 {
			aux := make(map[string]interface{}, len(config.AuxAddress))
			for key, value := range config.AuxAddress {
				aux[key] = value
			}
			block["aux_address"] = aux
		}
		out[i] = block
	}
	return out
}
