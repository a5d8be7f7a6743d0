package org.cnngrader.layers.norm;

import java.util.ArrayList;
import java.util.List;
import org.cnngrader.tensor.Shape;

/**
 * Which elements of x[N][C][H][W] a normalization takes its mean and variance over. x is seen as
 * [N, G, C/G, H, W]: each group is one index along the axes kept, and holds every element along the
 * axes reduced. Batch norm keeps the channel (G = C) and reduces N, H and W; group norm keeps the
 * sample and the group and reduces C/G, H and W; layer norm is group norm with G = 1.
 */
public record NormGrouping(Shape x, int groups, List<Axis> reduced) {

  /** The axes of the view [N, G, C/G, H, W]. */
  public enum Axis {
    N(0),
    GROUP(1),
    CHANNEL_IN_GROUP(2),
    H(3),
    W(4);

    private final int index;

    Axis(int index) {
      this.index = index;
    }

    /** The axis's index in {@link #view()}. */
    public int index() {
      return index;
    }
  }

  public NormGrouping {
    if (x.rank() != 4) {
      throw new IllegalArgumentException("x must have rank 4, found " + x);
    }
    if (groups < 1 || x.dim(1) % groups != 0) {
      throw new IllegalArgumentException(
          "the groups must divide the " + x.dim(1) + " channels, found " + groups);
    }
    reduced = List.copyOf(reduced);
    if (reduced.isEmpty()) {
      throw new IllegalArgumentException("a normalization reduces at least one axis");
    }
  }

  /** Batch norm: per channel, over N, H and W. */
  public static NormGrouping perChannel(Shape x) {
    return new NormGrouping(x, x.dim(1), List.of(Axis.N, Axis.CHANNEL_IN_GROUP, Axis.H, Axis.W));
  }

  /** Group norm: per sample and group of C/G channels, over those channels, H and W. */
  public static NormGrouping perGroup(Shape x, int groups) {
    return new NormGrouping(x, groups, List.of(Axis.CHANNEL_IN_GROUP, Axis.H, Axis.W));
  }

  /** Per sample, over every channel, H and W (layer norm: group norm with one group). */
  public static NormGrouping perSample(Shape x) {
    return perGroup(x, 1);
  }

  /**
   * Per sample, group and position, over the group's C/G channels alone: group norm that forgets H
   * and W.
   */
  public static NormGrouping perGroupAndPosition(Shape x, int groups) {
    return new NormGrouping(x, groups, List.of(Axis.CHANNEL_IN_GROUP));
  }

  /** Per channel and position, over N alone: batch norm that forgets H and W are spatial. */
  public static NormGrouping perPosition(Shape x) {
    return new NormGrouping(x, x.dim(1), List.of(Axis.N));
  }

  /** The sizes of the view [N, G, C/G, H, W]. */
  public int[] view() {
    return new int[] {x.dim(0), groups, x.dim(1) / groups, x.dim(2), x.dim(3)};
  }

  /** The axes reduced, as indices of {@link #view()}. */
  public int[] reducedAxes() {
    return reduced.stream().mapToInt(Axis::index).sorted().toArray();
  }

  /** How many elements each group holds: m, the divisor of the mean and the biased variance. */
  public int groupSize() {
    int[] view = view();
    int size = 1;
    for (Axis axis : reduced) {
      size *= view[axis.index()];
    }
    return size;
  }

  /** How many groups there are: one mean and one variance each. */
  public int groupCount() {
    return x.size() / groupSize();
  }

  /** The group of the element at flat index {@code index} of x, in 0 .. groupCount() - 1. */
  public int groupOf(int index) {
    int[] view = view();
    int[] at = new int[view.length];
    int rest = index;
    for (int axis = view.length - 1; axis >= 0; axis--) {
      at[axis] = rest % view[axis];
      rest /= view[axis];
    }
    int group = 0;
    for (Axis axis : Axis.values()) {
      if (!reduced.contains(axis)) {
        group = group * view[axis.index()] + at[axis.index()];
      }
    }
    return group;
  }

  /** Every element's group, by flat index of x. */
  public int[] groupIndices() {
    int[] of = new int[x.size()];
    for (int i = 0; i < of.length; i++) {
      of[i] = groupOf(i);
    }
    return of;
  }

  /** The channel of the element at flat index {@code index}: what gamma and beta are indexed by. */
  public int channelOf(int index) {
    return (index / (x.dim(2) * x.dim(3))) % x.dim(1);
  }

  /** The axes reduced, in words: "N, H and W". */
  public String reducedInWords() {
    List<String> names = new ArrayList<>();
    int[] view = view();
    for (Axis axis : reduced) {
      if (axis == Axis.CHANNEL_IN_GROUP && view[axis.index()] == 1) {
        continue; // one channel per group: nothing to say
      }
      names.add(
          switch (axis) {
            case N -> "N";
            case GROUP -> "the groups";
            case CHANNEL_IN_GROUP -> groups == 1 ? "C" : "the C/G channels of a group";
            case H -> "H";
            case W -> "W";
          });
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
