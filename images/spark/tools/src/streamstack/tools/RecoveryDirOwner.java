package streamstack.tools;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Makes a Spark master's ZooKeeper recovery directory readable and writable by the principal it
 * logs in as, and by no one else, before the master starts.
 *
 * <p>Spark 3.5 creates its recovery znodes through Curator with ZooKeeper's open ACL and has no
 * setting for another. Run as the master's principal (the JAAS file in
 * java.security.auth.login.config), this creates each component of the directory with the
 * creator-only ACL, and gives the same ACL to every znode already under it, which is also how
 * a directory made by an unauthenticated master becomes the principal's. A znode Spark adds
 * later is still open to every principal that can log in, but not to anonymous clients, which
 * the servers refuse; and no other principal can list the directory to find it.
 *
 * <p>Usage: RecoveryDirOwner connect-string directory
 */
public final class RecoveryDirOwner {
    private static final int SESSION_TIMEOUT_MS = 30_000;
    private static final long LOGIN_TIMEOUT_S = 60;

    private RecoveryDirOwner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[1].startsWith("/")) {
            System.err.println("usage: RecoveryDirOwner <connect-string> </absolute/dir>");
            System.exit(2);
        }
        CountDownLatch authenticated = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(args[0], SESSION_TIMEOUT_MS, event -> {
            if (event.getState() == KeeperState.SaslAuthenticated) authenticated.countDown();
            if (event.getState() == KeeperState.AuthFailed) failed.countDown();
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOGIN_TIMEOUT_S);
            while (!authenticated.await(200, TimeUnit.MILLISECONDS)) {
                if (failed.getCount() == 0) throw new IllegalStateException("ZooKeeper refused the login (check the JAAS file)");
                if (System.nanoTime() > deadline) throw new IllegalStateException("no ZooKeeper login within " + LOGIN_TIMEOUT_S + " s");
            }
            String path = "";
            for (String part : args[1].substring(1).split("/")) {
                path += "/" + part;
                try {
                    zk.create(path, new byte[0], ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
                } catch (KeeperException.NodeExistsException exists) {
                    // Made by an earlier start: its ACL is set below.
                }
            }
            int restricted = restrict(zk, args[1]);
            System.out.println("recovery directory " + args[1] + ": " + restricted + " znodes readable and writable by their owner only");
        } finally {
            zk.close();
        }
    }

    /** Gives the path and every znode under it the creator-only ACL; returns how many. */
    private static int restrict(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        List<String> children;
        try {
            zk.setACL(path, ZooDefs.Ids.CREATOR_ALL_ACL, -1);
            children = zk.getChildren(path, false);
        } catch (KeeperException.NoNodeException gone) {
            // An ephemeral znode (a standby's election entry) can go while we walk.
            return 0;
        }
        int count = 1;
        for (String child : children) count += restrict(zk, path + "/" + child);
        return count;
    }
}
