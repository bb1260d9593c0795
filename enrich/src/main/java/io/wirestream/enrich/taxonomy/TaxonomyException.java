package io.wirestream.enrich.taxonomy;

import java.util.List;
import java.util.stream.Collectors;

/** A taxonomy that cannot be used; {@link #errors()} says where and why. */
public class TaxonomyException extends RuntimeException {
    private final List<TaxonomyError> errors;

    public TaxonomyException(String source, List<TaxonomyError> errors) {
        super("invalid taxonomy " + source + ":\n  "
                + errors.stream().map(TaxonomyError::toString).collect(Collectors.joining("\n  ")));
        this.errors = List.copyOf(errors);
    }

    public List<TaxonomyError> errors() {
        return errors;
    }
}
