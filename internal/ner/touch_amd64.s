#include "textflag.h"

// func touch(s *slot) uint32
TEXT ·touch(SB), NOSPLIT, $0-12
	MOVQ s+0(FP), AX
	PREFETCHT0 (AX)
	MOVL $0, ret+8(FP)
	RET

// func touchRows(word *[numRoles]laneRow, shape *laneRow)
TEXT ·touchRows(SB), NOSPLIT, $0-16
	MOVQ word+0(FP), AX
	MOVQ shape+8(FP), BX
	PREFETCHT0 (AX)
	PREFETCHT0 64(AX)
	PREFETCHT0 128(AX)
	PREFETCHT0 192(AX)
	PREFETCHT0 256(AX)
	PREFETCHT0 (BX)
	RET
