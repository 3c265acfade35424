#pragma once

// Fixed light and dark palettes (Fusion style), for screenshots and tests of how views follow the palette; the
// app otherwise uses the system's.

namespace meshlens::ui {

void applyPalette(bool dark);

} // namespace meshlens::ui
