package io.kspipeline.producer.source;

/**
 * One line of input and where it came from ({@code file:line}, {@code stdin:line}, {@code
 * generated:n}).
 */
public record InputLine(String text, String location) {}
