package org.elasticsearch.node;

import java.util.Collection;
import java.util.Map;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * An Elasticsearch node built from the jars on the class path. It lives in this package because the Node
 * constructor it needs is package-private; MockPluginsService (from the test framework jar) loads the
 * plugins we name from the class path instead of a plugins directory.
 */
public final class EmbeddedNode extends Node {

    public EmbeddedNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(
                InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> settings.get("node.name", "mayfly")),
                null, new NodeServiceProvider() {
                    @Override
                    PluginsService newPluginService(Environment environment, PluginsLoader loader) {
                        return new MockPluginsService(environment.settings(), environment, plugins);
                    }
                }, true));
    }

    /** A second node in the same JVM fails if the node-id listener is registered twice; nothing here needs it. */
    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
    }
}
