import { PlatformSettings } from "../config/defaults";
import { Report } from "../config/problem";
import { ADMIN_USERNAME } from "./admin-login";
import { TOPIC_MANAGER_USERNAME } from "./topic-manager";
import { externalListenerAuthentication } from "./listener-security";
import { aclProblems, userNameProblem } from "./user-acls";
import { IN_PLATFORM_PRINCIPAL } from "./in-platform-clients";

/** What `streamstack:users` must be: logins need a listener that asks for them, names are unique, ACLs mean something. */
export function checkUsers(settings: PlatformSettings, report: Report): void {
    const { users } = settings;
    if (users.length > 0 && externalListenerAuthentication(settings) === "none") {
        report("users", users.map((user) => user.name).join(", "),
            `a user needs a listener that asks for logins: set kafka.authentication to "scram-sha-512" (the default on kubernetes), or remove the users`);
    }
    const seen = new Map<string, number>();
    users.forEach((user, i) => {
        const nameProblem = userNameProblem(user.name);
        if (nameProblem) report(`users[${i}].name`, user.name, nameProblem);
        if (user.name === ADMIN_USERNAME) report(`users[${i}].name`, user.name, "is the platform's own admin login (kafkaAdminUsername); give your user another name");
        if (user.name === TOPIC_MANAGER_USERNAME) report(`users[${i}].name`, user.name, "is the login the platform manages topics with; give your user another name");
        if (`User:${user.name}` === IN_PLATFORM_PRINCIPAL) report(`users[${i}].name`, user.name, "is whoever uses a listener without a login, whose ACLs the platform sets; give your user another name");
        const first = seen.get(user.name);
        if (first !== undefined) report(`users[${i}].name`, user.name, `duplicate of users[${first}]; each user may be declared once`);
        else seen.set(user.name, i);
        for (const [resource, problem] of aclProblems(user.acls)) report(`users[${i}].acls["${resource}"]`, user.acls[resource], problem);
    });
}
