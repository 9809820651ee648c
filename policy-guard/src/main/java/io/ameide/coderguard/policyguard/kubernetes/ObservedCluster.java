package io.ameide.coderguard.policyguard.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.ameide.coderguard.policyguard.decision.ClusterView;
import io.ameide.coderguard.policyguard.decision.NamespaceSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * The cluster as policy-guard sees it: one informer per kind the rules read, each cache trimmed (Secrets to metadata,
 * pods without env values), and a change of any object reported as a change of its namespace. A change of a
 * ClusterRole or ClusterRoleBinding may touch any workspace namespace, so it is reported for all of them.
 * <p>
 * The informers watch every namespace and the caches keep objects of every namespace: which namespaces are workspace
 * namespaces is known only from the Namespace informer, and a namespace labelled later must be judged at once.
 */
public final class ObservedCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ObservedCluster.class);

    private final KubernetesClient client;
    private final Map<String, String> namespaceSelector;
    private final Consumer<String> changed;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final Map<String, NamespacedStore<?>> stores = new LinkedHashMap<>();

    private NamespacedStore<Namespace> namespaces;
    private NamespacedStore<Pod> pods;
    private NamespacedStore<NetworkPolicy> networkPolicies;
    private NamespacedStore<ResourceQuota> quotas;
    private NamespacedStore<LimitRange> limitRanges;
    private NamespacedStore<ServiceAccount> serviceAccounts;
    private NamespacedStore<Role> roles;
    private NamespacedStore<RoleBinding> roleBindings;
    private NamespacedStore<Deployment> deployments;
    private NamespacedStore<PersistentVolumeClaim> claims;
    private NamespacedStore<Secret> secrets;
    private NamespacedStore<ClusterRoleBinding> clusterRoleBindings;
    private NamespacedStore<ClusterRole> clusterRoles;
    /**
     * False until every cache holds its first list. Changes seen before are not passed on: a namespace judged while
     * later caches were still empty would be reported without its pods or policies, with Events for findings that are
     * not real. Once all are listed, every workspace namespace is reported as changed at once.
     */
    private volatile boolean listed;

    /**
     * @param changed told the name of each namespace in which something changed; called on the informers' threads, so
     *     it must only take note and return
     */
    public ObservedCluster(KubernetesClient client, Map<String, String> namespaceSelector, Consumer<String> changed) {
        this.client = client;
        this.namespaceSelector = Map.copyOf(namespaceSelector);
        this.changed = changed;
    }

    /** Lists and starts watching every kind; returns once every cache holds its first list. */
    public void start() {
        namespaces = inform("Namespace", client.namespaces().withLabels(namespaceSelector), UnaryOperator.identity(),
                this::namespaceChanged);
        pods = inform("Pod", client.pods().inAnyNamespace(), Trimmed::pod, this::objectChanged);
        networkPolicies = inform("NetworkPolicy", client.network().v1().networkPolicies().inAnyNamespace(),
                UnaryOperator.identity(), this::objectChanged);
        quotas = inform("ResourceQuota", client.resourceQuotas().inAnyNamespace(), UnaryOperator.identity(),
                this::objectChanged);
        limitRanges = inform("LimitRange", client.limitRanges().inAnyNamespace(), UnaryOperator.identity(),
                this::objectChanged);
        serviceAccounts = inform("ServiceAccount", client.serviceAccounts().inAnyNamespace(), Trimmed::serviceAccount,
                this::objectChanged);
        roles = inform("Role", client.rbac().roles().inAnyNamespace(), UnaryOperator.identity(), this::objectChanged);
        roleBindings = inform("RoleBinding", client.rbac().roleBindings().inAnyNamespace(), UnaryOperator.identity(),
                this::objectChanged);
        deployments = inform("Deployment", client.apps().deployments().inAnyNamespace(), Trimmed::deployment,
                this::objectChanged);
        claims = inform("PersistentVolumeClaim", client.persistentVolumeClaims().inAnyNamespace(), Trimmed::claim,
                this::objectChanged);
        secrets = inform("Secret", client.secrets().inAnyNamespace(), Trimmed::secret, this::objectChanged);
        clusterRoleBindings = inform("ClusterRoleBinding", client.rbac().clusterRoleBindings(), UnaryOperator.identity(),
                this::clusterChanged);
        clusterRoles = inform("ClusterRole", client.rbac().clusterRoles(), UnaryOperator.identity(), this::clusterChanged);
        listed = true;
        Set<String> workspaces = workspaceNamespaces();
        LOG.infof("Watching workspace namespaces: selector=%s namespaces=%d", namespaceSelector, workspaces.size());
        workspaces.forEach(changed);
    }

    /** The names of the namespaces the policy's selector picks, as last observed. */
    public Set<String> workspaceNamespaces() {
        return namespaces.inNamespace("").stream().map(namespace -> namespace.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Everything the rules read of one namespace, or empty when it is not (or no longer) a workspace namespace. */
    public Optional<NamespaceSnapshot> snapshot(String name) {
        Optional<Namespace> namespace = namespaces.inNamespace("")
                .stream()
                .filter(candidate -> candidate.getMetadata().getName().equals(name))
                .findFirst();
        return namespace.map(found -> new NamespaceSnapshot(found, pods.inNamespace(name),
                networkPolicies.inNamespace(name), quotas.inNamespace(name), limitRanges.inNamespace(name),
                serviceAccounts.inNamespace(name), roles.inNamespace(name), roleBindings.inNamespace(name),
                deployments.inNamespace(name), claims.inNamespace(name), secrets.inNamespace(name)));
    }

    public ClusterView cluster() {
        return ClusterView.of(clusterRoleBindings.inNamespace(""), clusterRoles.inNamespace(""));
    }

    /** How many objects each cache holds, by kind. */
    public Map<String, Integer> cachedObjects() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        stores.forEach((kind, store) -> sizes.put(kind, store.size()));
        return sizes;
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }

    private <T extends HasMetadata> NamespacedStore<T> inform(String kind, Informable<T> source, UnaryOperator<T> trim,
            Consumer<T> onChange) {
        NamespacedStore<T> store = new NamespacedStore<>(trim);
        SharedIndexInformer<T> informer = source.runnableInformer(0).itemStore(store);
        informer.addEventHandler(new ResourceEventHandler<T>() {

            @Override
            public void onAdd(T object) {
                onChange.accept(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                onChange.accept(after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                onChange.accept(object);
            }
        });
        informer.run();
        informers.add(informer);
        stores.put(kind, store);
        return store;
    }

    private void namespaceChanged(Namespace namespace) {
        if (listed) {
            changed.accept(namespace.getMetadata().getName());
        }
    }

    private void objectChanged(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        if (listed && namespace != null && namespaces.get(namespace) != null) {
            changed.accept(namespace);
        }
    }

    private void clusterChanged(HasMetadata object) {
        if (listed) {
            workspaceNamespaces().forEach(changed);
        }
    }
}
