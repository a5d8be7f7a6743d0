package org.cnngrader.reference;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.tensor.Tensor;

/** A convolution case's tensors by role, as ND4J and the mistake models take and give them. */
final class ConvTensors {

  private ConvTensors() {}

  /** The inputs: x[N][C][H][W], w[F][C][HH][WW], b[F] and the upstream gradient dout. */
  record Inputs(Tensor x, Tensor w, Tensor b, Tensor dout) {

    static Inputs of(Fixture fixture) {
      return new Inputs(
          fixture.input("x"), fixture.input("w"), fixture.input("b"), fixture.input("dout"));
    }

    Map<String, Tensor> toMap() {
      Map<String, Tensor> map = new LinkedHashMap<>();
      map.put("x", x);
      map.put("w", w);
      map.put("b", b);
      map.put("dout", dout);
      return map;
    }
  }

  /** The results: out, dx, dw, db. */
  record Expected(Tensor out, Tensor dx, Tensor dw, Tensor db) {

    static Expected of(Fixture fixture) {
      return new Expected(
          fixture.expected("out"),
          fixture.expected("dx"),
          fixture.expected("dw"),
          fixture.expected("db"));
    }

    /** One of them by name: {@code out}, {@code dx}, {@code dw} or {@code db}. */
    Tensor tensor(String name) {
      return switch (name) {
        case "out" -> out;
        case "dx" -> dx;
        case "dw" -> dw;
        case "db" -> db;
        default -> throw new IllegalArgumentException("no expected tensor named " + name);
      };
    }

    Map<String, Tensor> toMap() {
      Map<String, Tensor> map = new LinkedHashMap<>();
      map.put("out", out);
      map.put("dx", dx);
      map.put("dw", dw);
      map.put("db", db);
      return map;
    }
  }
}
