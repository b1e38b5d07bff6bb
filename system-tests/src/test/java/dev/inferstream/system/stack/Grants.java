/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least-privilege ACLs of the inferstream principals, as README's Security section lists them: what the streaming
 * scorer, an operator running {@code scorerctl} and a batch job need, and nothing more.
 */
public final class Grants {
    private final String principal;
    private final List<AclBinding> bindings = new ArrayList<>();

    private Grants(String user) {
        this.principal = "User:" + user;
    }

    /** Grants for {@code user}, added to with the methods below and created with {@link #apply}. */
    public static Grants to(String user) {
        return new Grants(user);
    }

    /**
     * A streaming scorer of {@code applicationId}: read its inputs and the deployments topic, write its outputs and
     * status, its consumer group, internal topics and transactional ids (all prefixed with the application id).
     */
    public Grants scorer(
            String applicationId, List<String> inputs, List<String> outputs, String deployments, String status) {
        inputs.forEach(t -> allow(topic(t), AclOperation.READ, AclOperation.DESCRIBE));
        allow(topic(deployments), AclOperation.READ, AclOperation.DESCRIBE);
        outputs.forEach(t -> allow(topic(t), AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        allow(topic(status), AclOperation.WRITE, AclOperation.DESCRIBE);
        allow(new ResourcePattern(ResourceType.GROUP, applicationId, PatternType.LITERAL), AclOperation.READ);
        allow(new ResourcePattern(ResourceType.TOPIC, applicationId, PatternType.PREFIXED), AclOperation.ALL);
        allow(
                new ResourcePattern(ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED),
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
        return this;
    }

    /**
     * An operator changing deployments with {@code scorerctl}: the deployments topic and its history, the status
     * topic to read, the control plane's transactional ids.
     */
    public Grants operator(String deployments, String status) {
        for (String t : List.of(deployments, deployments + ".history")) {
            allow(topic(t), AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
        }
        allow(topic(status), AclOperation.READ, AclOperation.DESCRIBE);
        allow(
                new ResourcePattern(ResourceType.TRANSACTIONAL_ID, "inferstream-control-", PatternType.PREFIXED),
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
        return this;
    }

    /**
     * A batch job run with {@code --job-name jobName}: read its input topics, write its prediction and dead-letter
     * topics with its transactional ids, and commit its progress under its Kafka source's group ({@code
     * batch-scorer-<random>}, hence the prefix).
     */
    public Grants batch(String jobName, List<String> inputs, List<String> outputs) {
        inputs.forEach(t -> allow(topic(t), AclOperation.READ, AclOperation.DESCRIBE));
        outputs.forEach(t -> allow(topic(t), AclOperation.WRITE, AclOperation.DESCRIBE));
        allow(new ResourcePattern(ResourceType.GROUP, "batch-scorer-", PatternType.PREFIXED), AclOperation.READ);
        allow(
                new ResourcePattern(
                        ResourceType.TRANSACTIONAL_ID, "inferstream-batch-" + jobName + "-", PatternType.PREFIXED),
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
        return this;
    }

    /** Creates the ACLs, as {@code admin}. */
    public void apply(Cluster admin) {
        try (Admin client = admin.admin()) {
            client.createAcls(bindings).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot create the ACLs of " + principal + ": "
                            + e.getCause().getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void allow(ResourcePattern resource, AclOperation... operations) {
        for (AclOperation op : operations) {
            bindings.add(new AclBinding(resource, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
        }
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }
}
