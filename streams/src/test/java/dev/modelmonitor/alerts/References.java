package dev.modelmonitor.alerts;

import dev.modelmonitor.schema.ReferenceProfile;
import dev.modelmonitor.stats.CategoricalProfile;
import dev.modelmonitor.stats.NumericReferenceBuilder;
import java.time.Instant;
import java.util.List;

/** Reference profiles for the tests, built with the statistics library. */
final class References {
  private References() {}

  /**
   * age: 0..99 ten times each (decile bins of 0.1) and 100 missing; plan: a and b 500 each;
   * prediction: no and yes 500 each.
   */
  static ReferenceProfile ageAndPlan(String model) {
    NumericReferenceBuilder age = new NumericReferenceBuilder();
    for (int i = 0; i < 1000; i++) {
      age.add(i % 100);
    }
    for (int i = 0; i < 100; i++) {
      age.addMissing();
    }
    CategoricalProfile plan = CategoricalProfile.create();
    CategoricalProfile prediction = CategoricalProfile.create();
    for (int i = 0; i < 1000; i++) {
      plan.update(i % 2 == 0 ? "a" : "b");
      prediction.update(i % 2 == 0 ? "yes" : "no");
    }
    return ReferenceProfile.newBuilder()
        .setModelId(model)
        .setCreatedAt(Instant.parse("2026-11-01T00:00:00Z"))
        .setSource("test")
        .setRowCount(1100)
        .setFeatures(List.of(age.build().toAvro("age"), plan.toAvro("plan")))
        .setPrediction(prediction.toAvro("prediction"))
        .build();
  }
}
