// RUN: nn-opt %s -split-input-file --nn-check-key-reuse -verify-diagnostics

func.func @reused(%x: tensor<4xf32>, %k: !nn.key) -> (tensor<4xf32>, tensor<4xf32>) {
  // expected-note @+1 {{first use of the key}}
  %a = nn.dropout %x, %k rate = 0.5 : tensor<4xf32>
  // expected-warning @+1 {{this key already fed 'nn.dropout': both draw the same bits; split the key (nn.rng.split) or fold in data (nn.rng.fold_in) first}}
  %b = nn.rng.uniform %k : tensor<4xf32>
  return %a, %b : tensor<4xf32>, tensor<4xf32>
}

// -----

// split counts as a use: splitting and then drawing from the parent reuses it.
func.func @split_then_draw(%k: !nn.key) -> (tensor<2x!nn.key>, tensor<4xf32>) {
  // expected-note @+1 {{first use of the key}}
  %ks = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  // expected-warning @+1 {{this key already fed 'nn.rng.split'}}
  %u = nn.rng.uniform %k : tensor<4xf32>
  return %ks, %u : tensor<2x!nn.key>, tensor<4xf32>
}

// -----

// The JAX way: split, then one draw per key. No warning.
func.func @split_properly(%x: tensor<4xf32>, %k: !nn.key) -> (tensor<4xf32>, tensor<4xf32>) {
  %ks = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  %k0 = nn.rng.key_at %ks[0] : tensor<2x!nn.key>
  %k1 = nn.rng.key_at %ks[1] : tensor<2x!nn.key>
  %a = nn.dropout %x, %k0 rate = 0.5 : tensor<4xf32>
  %b = nn.rng.uniform %k1 : tensor<4xf32>
  return %a, %b : tensor<4xf32>, tensor<4xf32>
}

// -----

// Two reads of the same index are the same key.
func.func @same_index(%k: !nn.key) -> (tensor<4xf32>, tensor<4xf32>) {
  %ks = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  %a0 = nn.rng.key_at %ks[0] : tensor<2x!nn.key>
  %b0 = nn.rng.key_at %ks[0] : tensor<2x!nn.key>
  // expected-note @+1 {{first use of the key}}
  %a = nn.rng.uniform %a0 : tensor<4xf32>
  // expected-warning @+1 {{this key already fed 'nn.rng.uniform'}}
  %b = nn.rng.uniform %b0 : tensor<4xf32>
  return %a, %b : tensor<4xf32>, tensor<4xf32>
}
