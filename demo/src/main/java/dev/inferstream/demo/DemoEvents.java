/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.demo;

import dev.inferstream.schemas.demo.CardTransaction;
import dev.inferstream.schemas.demo.Device;
import java.time.Instant;
import java.util.Random;

/** Plausible card transactions: most small and local, a few large, far from home and at night. */
final class DemoEvents {
    private static final String[] CHANNELS = {"pos", "pos", "pos", "ecommerce", "ecommerce", "atm"};
    private static final String[] CATEGORIES = {"grocery", "fuel", "travel", "electronics", "restaurants"};
    private static final String[] COUNTRIES = {"FR", "DE", "NL", "ES", "US"};

    private final Random random;

    DemoEvents(long seed) {
        this.random = new Random(seed);
    }

    CardTransaction next(int i) {
        boolean suspicious = random.nextDouble() < 0.03;
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        CardTransaction.Builder tx = CardTransaction.newBuilder()
                .setTransactionId("tx-" + i)
                .setCardId(cardId(i))
                .setAmount(round(suspicious ? 400 + random.nextDouble() * 3000 : Math.exp(random.nextGaussian() + 3.5)))
                .setCurrency("EUR")
                .setMerchantCategory(CATEGORIES[random.nextInt(CATEGORIES.length)])
                .setCountry(COUNTRIES[random.nextInt(COUNTRIES.length)])
                .setChannel(channel)
                .setCardPresent(!channel.equals("ecommerce"))
                .setHourOfDay(suspicious ? random.nextInt(5) : 8 + random.nextInt(14))
                .setDayOfWeek(random.nextInt(7))
                .setDistanceFromHomeKm(round(suspicious ? 500 + random.nextDouble() * 5000 : random.nextDouble() * 30))
                .setDistanceFromLastKm(round(random.nextDouble() * (suspicious ? 2000 : 20)))
                .setRatioToMedianAmount(
                        round(suspicious ? 5 + random.nextDouble() * 20 : 0.3 + random.nextDouble() * 2))
                .setTxCount1h(suspicious ? 3 + random.nextInt(8) : random.nextInt(3))
                .setTxCount24h(random.nextInt(12))
                .setDevice(channel.equals("ecommerce") ? new Device("android", random.nextDouble() > 0.1) : null)
                .setEventTime(Instant.now());
        double[] v = new double[15];
        for (int k = 0; k < v.length; k++) {
            v[k] = round(random.nextGaussian() + (suspicious ? 1.5 : 0));
        }
        return tx.setV1(v[0])
                .setV2(v[1])
                .setV3(v[2])
                .setV4(v[3])
                .setV5(v[4])
                .setV6(v[5])
                .setV7(v[6])
                .setV8(v[7])
                .setV9(v[8])
                .setV10(v[9])
                .setV11(v[10])
                .setV12(v[11])
                .setV13(v[12])
                .setV14(v[13])
                .setV15(v[14])
                .build();
    }

    static String cardId(int i) {
        return "card-" + (i * 7919 % 500);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
