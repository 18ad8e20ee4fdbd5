import * as http from "node:http";

/** What the gates read of a container (Docker Engine API, GET /containers/{name}/json). */
export interface ContainerState {
    id: string;
    status: string;
    running: boolean;
    /** healthy, unhealthy or starting; "none" when the container has no health check. */
    health: string;
    restartCount: number;
}

/** The Engine's unix socket, from DOCKER_HOST as the docker plugin reads it. */
export function dockerSocketPath(dockerHost = process.env.DOCKER_HOST): string {
    if (!dockerHost) return "/var/run/docker.sock";
    if (dockerHost.startsWith("unix://")) return dockerHost.slice("unix://".length);
    throw new Error(`DOCKER_HOST=${dockerHost}: the readiness gates reach the Docker engine through a unix socket only; unset DOCKER_HOST or point it at unix:///path/to/docker.sock`);
}

interface InspectAnswer {
    Id: string;
    RestartCount: number;
    State: { Status: string; Running: boolean; Health?: { Status: string } };
}

/** The container's state; undefined when no container has that name. */
export function inspectContainer(name: string, timeoutMs = 5000): Promise<ContainerState | undefined> {
    return new Promise((resolve, reject) => {
        const request = http.get({ socketPath: dockerSocketPath(), path: `/containers/${encodeURIComponent(name)}/json`, timeout: timeoutMs }, (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => (body += chunk));
            response.on("end", () => {
                if (response.statusCode === 404) return resolve(undefined);
                if (response.statusCode !== 200) return reject(new Error(`docker inspect ${name}: ${response.statusCode} ${body.trim()}`));
                const answer = JSON.parse(body) as InspectAnswer;
                resolve({
                    id: answer.Id,
                    status: answer.State.Status,
                    running: answer.State.Running,
                    health: answer.State.Health?.Status ?? "none",
                    restartCount: answer.RestartCount,
                });
            });
        });
        request.on("timeout", () => request.destroy(new Error(`docker inspect ${name}: no answer in ${timeoutMs} ms`)));
        request.on("error", reject);
    });
}
