#if TLSF
/// The tunable constants of a `TLSFAllocator`; everything else derives from
/// them (`TLSFAllocator.firstLevelCount`, the minimum block, the search limit).
///
/// Valid configurations, checked once when an allocator is created
/// (`TLSFAllocator.isValidConfiguration`):
/// - `secondLevelCountLog2` is 4 or 5 (16 or 32 second-level lists);
/// - `granularityLog2` is at least log2 of two machine words (a free block
///   holds its header and two list links in two granules) and at most 12;
/// - `regionCapacityLog2` is at most 8 (256 pools).
public protocol TLSFConfiguration {
    /// log2 of the number of second-level lists per first level: 4 or 5.
    static var secondLevelCountLog2: Int { get }
    /// log2 of the granularity G in bytes: block sizes are multiples of G, a
    /// block header takes G bytes, the minimum block is 2G and payloads are
    /// aligned to G without padding.
    static var granularityLog2: Int { get }
    /// log2 of the number of pools (regions) the allocator can manage: its
    /// region table is that large, in the control structure, and searched in
    /// exactly this many steps (so a free stays loop-free). 5 (32 pools,
    /// 1 KiB of table on 64-bit targets) unless a configuration says otherwise.
    static var regionCapacityLog2: Int { get }
}

extension TLSFConfiguration {
    /// 32 pools.
    @inlinable public static var regionCapacityLog2: Int { 5 }
}

/// 32 second-level lists, granularity two machine words (16 bytes on 64-bit
/// targets, 8 on 32-bit ones): the configuration of `TLSFByteAllocator`.
public enum TLSFDefaultConfiguration: TLSFConfiguration {
    @inlinable public static var secondLevelCountLog2: Int { 5 }
    @inlinable public static var granularityLog2: Int { MemoryLayout<UInt>.size == 8 ? 4 : 3 }
}

/// 16 second-level lists (a smaller control structure, coarser classes),
/// granularity two machine words.
public enum TLSFSixteenListConfiguration: TLSFConfiguration {
    @inlinable public static var secondLevelCountLog2: Int { 4 }
    @inlinable public static var granularityLog2: Int { MemoryLayout<UInt>.size == 8 ? 4 : 3 }
}

/// The TLSF allocator in its default configuration (32 second-level lists,
/// two-word granularity).
public typealias TLSFByteAllocator = TLSFAllocator<TLSFDefaultConfiguration>
#endif
