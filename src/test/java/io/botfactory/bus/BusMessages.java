package io.botfactory.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What tests know of the bus contract by reflection: its addresses, each message's keys, a sample of each message. */
public final class BusMessages {

  private BusMessages() {
  }

  /** Every {@link Address} constant of {@link Addresses}. */
  public static List<Address<?>> addresses() {
    List<Address<?>> addresses = new ArrayList<>();
    for (Field field : Addresses.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Address.class) {
        try {
          addresses.add((Address<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return addresses;
  }

  /** The JSON keys of a message record: its components in snake_case. */
  public static List<String> keys(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(c -> snake(c.getName())).collect(Collectors.toList());
  }

  /** The JSON keys {@link BusJson} writes for a message record: those of its {@link #sample}. */
  public static List<String> writtenKeys(Class<?> record) {
    return new ArrayList<>(BusJson.toJson(sample(record)).fieldNames());
  }

  /** An instance of {@code record} with a distinct, non-null value in every component. */
  public static Object sample(Class<?> record) {
    RecordComponent[] components = record.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = sampleValue(components[i].getType(), components[i].getName(), i);
    }
    try {
      Constructor<?> canonical = record.getDeclaredConstructor(types);
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object sampleValue(Class<?> type, String name, int i) {
    if (type == String.class) {
      return name + "-value";
    } else if (type == int.class || type == Integer.class) {
      return 40 + i;
    } else if (type == long.class || type == Long.class) {
      return 5_000_000_000L + i;
    } else if (type == boolean.class || type == Boolean.class) {
      return true;
    } else if (type == JsonObject.class) {
      return new JsonObject().put("nested", i);
    } else if (type == JsonArray.class) {
      return new JsonArray().add(new JsonObject().put("item", i));
    } else if (type == Optional.class) {
      return Optional.of(name + "-value");
    } else if (type.isRecord()) {
      return sample(type);
    }
    throw new IllegalArgumentException("no sample for " + type);
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
  }
}
