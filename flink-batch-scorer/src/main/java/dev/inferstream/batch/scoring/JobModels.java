/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentCodec;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.Deployment;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * The model versions one job scores with, resolved once when the job is built ({@code latest} already a number, a
 * control topic's deployment already read), and the sha256 of each version's graph. Every task, in every attempt,
 * serves exactly these.
 *
 * @param deployment the {@code Deployment}, Avro binary
 * @param sha256 each version the deployment loads, to its {@code model.onnx} sha256
 */
public record JobModels(byte[] deployment, Map<Integer, String> sha256) implements Serializable {
    public JobModels {
        sha256 = new TreeMap<>(sha256);
    }

    public static JobModels of(Deployment deployment, Map<Integer, String> sha256) {
        return new JobModels(DeploymentBytes.encode(deployment), sha256);
    }

    public Deployment decoded() {
        return DeploymentBytes.decode(deployment);
    }

    public DeploymentSpec spec() {
        return DeploymentCodec.toSpec(decoded());
    }

    /**
     * Deploys exactly these versions into {@code models} and checks each one's sha256. A version that no longer
     * loads or whose graph changed since the job was built fails the job without restarts (restarting cannot heal
     * it); a repository that cannot be read is an ordinary failure, retried by the restart strategy.
     */
    void deployInto(ModelService models) throws Exception {
        DeploymentSpec spec = spec();
        try {
            models.deploy(spec).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof ModelLoadException load && !(load.getCause() instanceof IOException)) {
                throw new SuppressRestartsException(load);
            }
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "loading " + spec.versions() + " of " + spec.model() + " took over 5 min", e);
        }
        for (Map.Entry<Integer, String> expected : sha256.entrySet()) {
            ModelRef ref = new ModelRef(spec.model(), expected.getKey());
            String actual = models.loaded(ref).map(LoadedModel::sha256).orElse(null);
            if (!expected.getValue().equals(actual)) {
                throw new SuppressRestartsException(new IllegalStateException(ref + " changed in the repository since "
                        + "the job started (sha256 " + expected.getValue() + ", now " + actual + "): a job scores "
                        + "with the versions it resolved at its start; publish a changed model as a new version"));
            }
        }
    }
}
