/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/** A model repository on any Flink file system (local, HDFS, S3, …), same layout as a local folder. */
public final class FlinkModelRepository implements ModelRepository {
    private final Path root;

    FlinkModelRepository(String location) {
        this.root = new Path(location);
    }

    /** HTTP repositories keep their own client; everything else goes through Flink's file systems. */
    public static ModelRepository open(String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return ModelRepository.open(location);
        }
        return new FlinkModelRepository(location);
    }

    @Override
    public List<String> models() throws IOException {
        if (!fs().exists(root)) {
            throw new FileNotFoundException(root + " does not exist");
        }
        List<String> names = new ArrayList<>();
        for (FileStatus status : fs().listStatus(root)) {
            if (status.isDir() && !status.getPath().getName().startsWith(".")) {
                names.add(status.getPath().getName());
            }
        }
        return names.stream().sorted().toList();
    }

    @Override
    public List<Integer> versions(String model) throws IOException {
        Path dir = new Path(root, model);
        if (!fs().exists(dir)) {
            return List.of();
        }
        List<Integer> versions = new ArrayList<>();
        for (FileStatus status : fs().listStatus(dir)) {
            String name = status.getPath().getName();
            if (status.isDir()
                    && name.matches("[1-9][0-9]{0,8}")
                    && fs().exists(new Path(status.getPath(), MODEL))
                    && fs().exists(new Path(status.getPath(), MANIFEST))) {
                versions.add(Integer.parseInt(name));
            }
        }
        return versions.stream().sorted().toList();
    }

    @Override
    public ModelArtifact fetch(ModelRef ref) throws IOException {
        Path dir = new Path(new Path(root, ref.name()), Integer.toString(ref.version()));
        return new ModelArtifact(
                ref,
                read(new Path(dir, MANIFEST)),
                read(new Path(dir, MODEL)),
                dir.toString(),
                name -> read(new Path(dir, name)));
    }

    @Override
    public String location() {
        return root.toString();
    }

    private byte[] read(Path file) throws IOException {
        try (InputStream in = fs().open(file)) {
            return in.readAllBytes();
        }
    }

    private FileSystem fs() throws IOException {
        return root.getFileSystem();
    }
}
