/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.registry;

import org.apache.avro.Schema;

/** One version of a subject in the registry. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
